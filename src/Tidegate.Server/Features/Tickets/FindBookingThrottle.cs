using Dapper;
using Tidegate.Domain.Common;
using Tidegate.Server.Data;
using Tidegate.Server.Infrastructure;

namespace Tidegate.Server.Features.Tickets;

/// <summary>
/// Find-my-booking's hourly limits, counted in the database so that every instance shares them. A
/// request counts against each of its keys (keyed hashes, never the email or address itself) in the
/// current clock hour; one over the limit is refused until the hour ends. Counting is one atomic
/// upsert per key, so two instances never both let the last request through.
/// </summary>
public sealed class FindBookingThrottle(Db db, TimeProvider clock)
{
    private static readonly long Hour = (long)TimeSpan.FromHours(1).TotalMilliseconds;

    /// <summary>Counts the request against every (key, limit); the throttled error when any is exceeded.</summary>
    public async Task<Error?> CountAsync(IReadOnlyList<(string Key, int PerHour)> keys, CancellationToken ct)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var hourStart = now - now % Hour;
        var exceeded = await db.WriteAsync(async (connection, tx) =>
        {
            await connection.ExecuteAsync("DELETE FROM find_booking_counts WHERE hour_start < @HourStart", new { HourStart = hourStart }, tx);
            var over = false;
            foreach (var (key, perHour) in keys)
            {
                var requests = await connection.ExecuteScalarAsync<long>("""
                    INSERT INTO find_booking_counts (throttle_key, hour_start, requests) VALUES (@Key, @HourStart, 1)
                    ON CONFLICT (throttle_key, hour_start) DO UPDATE SET requests = find_booking_counts.requests + 1
                    RETURNING requests
                    """, new { Key = key, HourStart = hourStart }, tx);
                over |= requests > perHour;
            }
            return over;
        }, ct);
        return exceeded ? VisitorLimits.Throttled((int)Math.Max(1, Math.Ceiling((hourStart + Hour - now) / 1000.0))) : null;
    }
}
