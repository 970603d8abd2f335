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
    /// <summary>Null when limits are off (Tidegate:RateLimits:Enabled=false): nothing to ask.</summary>
    private readonly PartitionedRateLimiter<string>? _bookings;

    public VisitorLimits(IOptions<RateLimitSettings> options)
    {
        var settings = options.Value;
        if (settings.Enabled)
            _bookings = PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetTokenBucketLimiter(key, _ => RateLimits.BucketOptions(settings.PerVisitor.Bookings)));
    }

    /// <summary>Null when this person may try a booking now, else the throttled refusal (with its Retry-After).</summary>
    public Error? TryBook(string personKey)
    {
        if (_bookings is null) return null;
        using var lease = _bookings.AttemptAcquire(personKey);
        return lease.IsAcquired ? null : Throttled(RateLimits.RetryAfterSeconds(lease));
    }

    public static Error Throttled(int seconds) =>
        new Error(ErrorCodes.Throttled, $"Too many requests: try again in {seconds} s.").With("retryAfter", seconds);

    public void Dispose() => _bookings?.Dispose();
}
