using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using Tidegate.Domain.Common;

namespace Tidegate.Server.Infrastructure;

/// <summary>
/// Per-visitor fairness where the visitor is only known after the body is read: the booking use
/// case checks the person it would hold for (the member, or the email's keyed lookup hash). Kept in
/// each instance's memory, like the middleware's buckets; behind N instances a visitor gets up to N×.
/// </summary>
public sealed class VisitorLimits : IDisposable
{
    private readonly PartitionedRateLimiter<string> _bookings;

    public VisitorLimits(IOptions<RateLimitSettings> options)
    {
        var settings = options.Value;
        _bookings = settings.Enabled
            ? PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetTokenBucketLimiter(key, _ => RateLimits.BucketOptions(settings.PerVisitor.Bookings)))
            : PartitionedRateLimiter.Create<string, string>(_ => RateLimitPartition.GetNoLimiter("off"));
    }

    /// <summary>Null when this person may try a booking now, else the throttled refusal (with its Retry-After).</summary>
    public Error? TryBook(string personKey)
    {
        using var lease = _bookings.AttemptAcquire(personKey);
        return lease.IsAcquired ? null : Throttled(RateLimits.RetryAfterSeconds(lease));
    }

    public static Error Throttled(int seconds) =>
        new Error(ErrorCodes.Throttled, $"Too many requests: try again in {seconds} s.").With("retryAfter", seconds);

    public void Dispose() => _bookings.Dispose();
}
