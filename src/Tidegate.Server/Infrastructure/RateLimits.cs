using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Tidegate.Domain.Common;

namespace Tidegate.Server.Infrastructure;

/// <summary>
/// Per-client limits (token buckets by client address; Tidegate:RateLimits:{Policy}:PerSecond and
/// :Burst): an eager client gets 429 throttled with Retry-After at once, never a queue.
/// Tidegate:RateLimits:Enabled=false turns them off (tests and the bench, whose thousands of
/// simulated visitors share one address).
/// </summary>
public static class RateLimits
{
    public const string Bookings = "bookings";
    public const string Polls = "polls";
    public const string Reads = "reads";

    public static IServiceCollection AddTidegateRateLimits(this IServiceCollection services, IConfiguration config)
    {
        var enabled = config.GetValue("Tidegate:RateLimits:Enabled", true);
        return services.AddRateLimiter(options =>
        {
            options.OnRejected = async (context, _) =>
            {
                var seconds = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retry) ? Math.Max(1, (int)Math.Ceiling(retry.TotalSeconds)) : 1;
                context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                await Problems.From(new Error(ErrorCodes.Throttled, $"Too many requests from this client: try again in {seconds} s."))
                    .ExecuteAsync(context.HttpContext);
            };
            Add(options, Bookings, enabled, config, perSecond: 5, burst: 20);
            Add(options, Polls, enabled, config, perSecond: 10, burst: 30);
            Add(options, Reads, enabled, config, perSecond: 50, burst: 100);
        });
    }

    private static void Add(RateLimiterOptions options, string policy, bool enabled, IConfiguration config, int perSecond, int burst)
    {
        var section = config.GetSection($"Tidegate:RateLimits:{policy}");
        var bucket = new TokenBucketRateLimiterOptions
        {
            TokensPerPeriod = section.GetValue("PerSecond", perSecond), TokenLimit = section.GetValue("Burst", burst),
            ReplenishmentPeriod = TimeSpan.FromSeconds(1), QueueLimit = 0, AutoReplenishment = true,
        };
        options.AddPolicy(policy, http => enabled
            ? RateLimitPartition.GetTokenBucketLimiter(http.Connection.RemoteIpAddress?.ToString() ?? "unknown", _ => bucket)
            : RateLimitPartition.GetNoLimiter("off"));
    }
}
