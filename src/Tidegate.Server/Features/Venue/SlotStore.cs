using System.Collections.Concurrent;
using Dapper;
using Tidegate.Domain.Venue;
using Tidegate.Server.Data;

namespace Tidegate.Server.Features.Venue;

/// <summary>
/// Slot rows hold the capacity counters that bookings claim. A date's rows are created on first
/// need (idempotently, so any number of instances may race to do it; within one instance, the
/// requests that arrive together wait for one insert) and read with live holds only.
/// </summary>
public sealed class SlotStore(Db db)
{
    private readonly ConcurrentDictionary<DateOnly, bool> _ensured = new();
    private readonly ConcurrentDictionary<DateOnly, Lazy<Task>> _ensuring = new();

    public async Task EnsureAsync(VenueCalendar calendar, DateOnly date, CancellationToken ct = default)
    {
        if (_ensured.ContainsKey(date)) return;
        var pending = _ensuring.GetOrAdd(date, d => new Lazy<Task>(() => InsertAsync(calendar, d)));
        try
        {
            await pending.Value.WaitAsync(ct);
        }
        finally
        {
            // Done (or failed: the next request tries again).
            if (pending.Value.IsCompleted) _ensuring.TryRemove(new KeyValuePair<DateOnly, Lazy<Task>>(date, pending));
        }
    }

    private async Task InsertAsync(VenueCalendar calendar, DateOnly date)
    {
        var split = calendar.Capacity(date);
        var rows = calendar.Slots(date).Select(s => new
        {
            VisitDate = date, s.StartMinute, Capacity = split.Total, OnlineCapacity = split.Online,
        });
        await db.WriteAsync((connection, tx) => connection.ExecuteAsync("""
            INSERT INTO slots (visit_date, start_minute, capacity, online_capacity, online_taken, box_taken)
            VALUES (@VisitDate, @StartMinute, @Capacity, @OnlineCapacity, 0, 0)
            ON CONFLICT (visit_date, start_minute) DO NOTHING
            """, rows, tx));
        _ensured[date] = true;
    }

    /// <summary>Counters of a date's slots; holds that have lapsed but are not yet swept count as free.</summary>
    public async Task<IReadOnlyDictionary<int, SlotCount>> CountsAsync(DateOnly date, DateTimeOffset now, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        var rows = await connection.QueryAsync<SlotCount>("""
            SELECT s.start_minute, s.capacity, s.online_capacity, s.online_taken, s.box_taken,
                   COALESCE((SELECT SUM(b.persons) FROM bookings b
                             WHERE b.visit_date = s.visit_date AND b.start_minute = s.start_minute
                               AND b.status = 'held' AND b.expires_at <= @Now), 0) AS lapsed
            FROM slots s WHERE s.visit_date = @Date
            """, new { Date = date, Now = now });
        return rows.ToDictionary(r => (int)r.StartMinute);
    }

    /// <summary>Online places left per date in [from, to], for dates whose slots exist; others are untouched.</summary>
    public async Task<IReadOnlyDictionary<DateOnly, int>> RemainingByDateAsync(DateOnly from, DateOnly to, DateTimeOffset now, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        var rows = await connection.QueryAsync<(DateOnly Date, long Remaining)>("""
            SELECT s.visit_date, SUM(s.online_capacity - s.online_taken) +
                   COALESCE((SELECT SUM(b.persons) FROM bookings b
                             WHERE b.visit_date = s.visit_date AND b.status = 'held' AND b.expires_at <= @Now), 0)
            FROM slots s WHERE s.visit_date BETWEEN @From AND @To GROUP BY s.visit_date
            """, new { From = from, To = to, Now = now });
        return rows.ToDictionary(r => r.Date, r => (int)r.Remaining);
    }
}

public sealed class SlotCount
{
    public long StartMinute { get; set; }
    public long Capacity { get; set; }
    public long OnlineCapacity { get; set; }
    public long OnlineTaken { get; set; }
    public long BoxTaken { get; set; }
    public long Lapsed { get; set; }

    public int OnlineRemaining => (int)Math.Max(0, OnlineCapacity - OnlineTaken + Lapsed);
}
