using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Tidegate.Server.Infrastructure;

/// <summary>
/// The request-level limits (settings and their reasons in <see cref="RateLimitSettings"/>): a flood
/// guard per client address for every endpoint with a policy (the global limiter, partitioned by
/// policy and address group), and the named policies' per-visitor buckets keyed on what the request
/// carries before its body is read: the admission token (bookings) or the queue ticket (polls).
/// The email's lookup hash and the member are checked by the booking use case (<see cref="VisitorLimits"/>).
/// Over a limit: 429 throttled, problem+json, Retry-After, at once, never a queue.
/// </summary>
public static class RateLimits
{
    public const string Bookings = "bookings";
    public const string Polls = "polls";
    public const string Reads = "reads";
    /// <summary>Staff sign-in (API and console form): POSTs per client address, besides each account's lockout.</summary>
    public const string SignIn = "sign-in";

    public static IServiceCollection AddTidegateRateLimits(this IServiceCollection services, IConfiguration config)
    {
        services.AddOptions<RateLimitSettings>().Bind(config.GetSection(RateLimitSettings.Section))
            .Validate(s => s.IsValid(), "Tidegate:RateLimits: every PerSecond and Burst must be positive, Ipv6PrefixLength 1–128.")
            .ValidateOnStart();
        services.AddSingleton<VisitorLimits>();
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<RateLimitSettings>>((options, settings) => Configure(options, settings.Value));
        return services;
    }

    private static void Configure(RateLimiterOptions options, RateLimitSettings settings)
    {
        options.OnRejected = (context, _) => new ValueTask(
            Problems.From(VisitorLimits.Throttled(RetryAfterSeconds(context.Lease))).ExecuteAsync(context.HttpContext));
        options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
            !settings.Enabled || http.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName is not { } policy
                ? RateLimitPartition.GetNoLimiter("")
                : policy == SignIn
                    // Only the attempts count (the sign-in page's GETs do not).
                    ? HttpMethods.IsPost(http.Request.Method)
                        ? RateLimitPartition.GetTokenBucketLimiter($"{policy} {AddressOf(http, settings)}", _ => SignInOptions(settings.SignIn))
                        : RateLimitPartition.GetNoLimiter("")
                    : RateLimitPartition.GetTokenBucketLimiter($"{policy} {AddressOf(http, settings)}", _ => BucketOptions(settings.PerAddress.For(policy))));
        options.AddPolicy(Bookings, http => PerVisitor(settings, Bookings, http.Request.Headers["X-Admission-Token"].ToString()));
        options.AddPolicy(Polls, http => PerVisitor(settings, Polls, http.Request.Headers["X-Queue-Ticket"].ToString()));
        options.AddPolicy(Reads, _ => RateLimitPartition.GetNoLimiter("")); // anonymous reads: the flood guard only
        options.AddPolicy(SignIn, _ => RateLimitPartition.GetNoLimiter("")); // the per-address bucket above is the limit
    }

    /// <summary>A bucket per visitor key; requests without one (a join, a guest's first booking) pass to the next check.</summary>
    private static RateLimitPartition<string> PerVisitor(RateLimitSettings settings, string policy, string key) =>
        settings.Enabled && key.Length is > 0 and <= 2048
            ? RateLimitPartition.GetTokenBucketLimiter($"{policy} {key}", _ => BucketOptions(settings.PerVisitor.For(policy)))
            : RateLimitPartition.GetNoLimiter("");

    /// <summary>Behind trusted proxies this is the forwarded client (UseForwardedHeaders ran first), never the proxy.</summary>
    private static string AddressOf(HttpContext http, RateLimitSettings settings) =>
        ClientAddress.GroupOf(http.Connection.RemoteIpAddress, settings.Ipv6PrefixLength);

    private static TokenBucketRateLimiterOptions SignInOptions(RateLimitSettings.SignInBucket bucket) => new()
    {
        TokensPerPeriod = bucket.PerMinute, TokenLimit = bucket.Burst, ReplenishmentPeriod = TimeSpan.FromMinutes(1),
        QueueLimit = 0, AutoReplenishment = true,
    };

    public static TokenBucketRateLimiterOptions BucketOptions(RateLimitSettings.Bucket bucket) => new()
    {
        TokensPerPeriod = bucket.PerSecond, TokenLimit = bucket.Burst, ReplenishmentPeriod = TimeSpan.FromSeconds(1),
        QueueLimit = 0, AutoReplenishment = true,
    };

    public static int RetryAfterSeconds(RateLimitLease lease) =>
        lease.TryGetMetadata(MetadataName.RetryAfter, out var retry) ? Math.Max(1, (int)Math.Ceiling(retry.TotalSeconds)) : 1;
}
