using System.Security.Cryptography;
using Tidegate.Domain.Common;

namespace Tidegate.Domain.Queue;

/// <summary>The waiting room's rules: when a date is guarded, the opening shuffle, and how far admission advances.</summary>
public static class QueueRules
{
    public static bool IsGuarded(DateTimeOffset opensAt, DateTimeOffset now, QueueSettings settings, bool marked) =>
        marked || (settings.AutoGuard && now >= opensAt.AddMinutes(-settings.GuardBeforeMinutes) && now < opensAt.AddMinutes(settings.GuardAfterMinutes));

    /// <summary>
    /// The positions (1..count) of the <paramref name="count"/> early arrivals, taken in a fixed
    /// order: a Fisher–Yates shuffle driven by HMAC-SHA256(seed, counter). The seed is random
    /// (drawn once, stored), so the order is unpredictable before and reproducible after.
    /// </summary>
    public static int[] Shuffle(int count, byte[] seed)
    {
        var positions = Enumerable.Range(1, count).ToArray();
        var counter = 0L;
        for (var i = count - 1; i > 0; i--)
        {
            var j = (int)Uniform((ulong)(i + 1), seed, ref counter);
            (positions[i], positions[j]) = (positions[j], positions[i]);
        }
        return positions;
    }

    private static ulong Uniform(ulong bound, byte[] seed, ref long counter)
    {
        // Rejection sampling keeps every permutation equally likely.
        var limit = ulong.MaxValue - ulong.MaxValue % bound;
        while (true)
        {
            var block = HMACSHA256.HashData(seed, BitConverter.GetBytes(counter++));
            var value = BitConverter.ToUInt64(block, 0);
            if (value < limit) return value % bound;
        }
    }

    /// <summary>
    /// The new admitted-up-to position after <paramref name="elapsedSeconds"/>: the admission rate,
    /// never beyond the last joiner, never more than MaxOutstanding admissions unused and unexpired.
    /// </summary>
    public static long Advance(long admittedUpTo, long lastPosition, double elapsedSeconds, long outstanding, QueueSettings settings)
    {
        var byRate = (long)Math.Floor(Math.Clamp(elapsedSeconds, 0, 1) * settings.AdmissionsPerSecond);
        var room = Math.Max(0, settings.MaxOutstanding - outstanding);
        return Math.Max(admittedUpTo, Math.Min(lastPosition, admittedUpTo + Math.Min(byRate, room)));
    }

    /// <summary>Where a ticket stands: waiting (with places ahead and a wait estimate), admitted until a moment, or expired.</summary>
    public static QueueStanding Standing(long position, QueueProgress progress, DateTimeOffset now, QueueSettings settings)
    {
        if (position > progress.AdmittedUpTo)
        {
            var place = position - progress.AdmittedUpTo;
            var rate = progress.RecentRate(now) is > 0 and var observed ? observed : settings.AdmissionsPerSecond;
            return new QueueStanding.Waiting(place, (int)Math.Ceiling(place / Math.Max(rate, 0.1)));
        }
        var expiresAt = progress.AdmittedAt(position).AddSeconds(settings.AdmissionSeconds);
        return now < expiresAt ? new QueueStanding.Admitted(expiresAt) : new QueueStanding.Expired();
    }

    /// <summary>
    /// How long a waiting visitor's page should wait before asking again: a third of the estimated
    /// wait, between 1 and 10 seconds. The front of the line hears of its turn within a second; the
    /// back does not poll every second for nothing (40,000 people polling each second would cost
    /// more than the bookings they wait for).
    /// </summary>
    public static int PollAfterSeconds(int estimatedWaitSeconds) => Math.Clamp((estimatedWaitSeconds + 2) / 3, 1, 10);

    /// <summary>Booking a guarded date: the admission must be genuine (checked by the caller), for this date and unexpired.</summary>
    public static Error? CheckAdmission(AdmissionClaims? claims, DateOnly date, DateTimeOffset now)
    {
        if (claims is null)
            return new Error(ErrorCodes.QueueRequired, $"Bookings for {IsoDate.Text(date)} go through the waiting room: join it at /queue/{IsoDate.Text(date)}.");
        if (claims.Date != date)
            return new Error(ErrorCodes.QueueRequired, "This admission is for another date.");
        if (now >= claims.ExpiresAt)
            return new Error(ErrorCodes.QueueRequired, "This admission has expired: join the waiting room again.");
        return null;
    }
}

/// <summary>What a signed admission says: which queue entry, for which date, at which position, until when.</summary>
public sealed record AdmissionClaims(string EntryId, DateOnly Date, long Position, DateTimeOffset ExpiresAt);

public abstract record QueueStanding
{
    public sealed record Waiting(long Place, int EstimatedWaitSeconds) : QueueStanding;
    public sealed record Admitted(DateTimeOffset ExpiresAt) : QueueStanding;
    public sealed record Expired : QueueStanding;
}
