using System.Data.Common;
using Dapper;
using Tidegate.Domain.Booking;
using Tidegate.Domain.Venue;
using Tidegate.Server.Data;

namespace Tidegate.Server.Features.Venue;

/// <summary>
/// Loads the venue's calendar snapshot from the database and keeps it: it changes only when an
/// operator edits it, and every request needs it. Every change goes through <see cref="ChangeAsync"/>,
/// which bumps venue.revision in the same transaction; each instance polls that number
/// (<see cref="VenueRevisionWatcher"/>, about every second) and reloads when it moved, so a change
/// made through one instance is seen by all within seconds. The snapshot's lifetime (a minute) only
/// catches edits made behind the application's back. One load at a time: every request that finds
/// the snapshot stale waits for the same load, so a busy second does not open a database connection
/// per request (on PostgreSQL, two instances doing that ran the server out of connections).
/// </summary>
public sealed class VenueStore(Db db, TimeProvider clock)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);
    private readonly Lock _gate = new();
    // A reference, so a reader never sees half of a snapshot being replaced.
    private volatile Snapshot? _cached;
    private Task<VenueCalendar>? _loading;

    public Task<VenueCalendar> GetAsync(CancellationToken ct = default)
    {
        var cached = _cached;
        if (cached is not null && clock.GetUtcNow() - cached.LoadedAt < Lifetime) return Task.FromResult(cached.Calendar);
        Task<VenueCalendar> loading;
        lock (_gate) loading = _loading ??= Task.Run(LoadAndKeepAsync);
        return loading.WaitAsync(ct);
    }

    private async Task<VenueCalendar> LoadAndKeepAsync()
    {
        try
        {
            var calendar = await LoadAsync(CancellationToken.None);
            _cached = new Snapshot(calendar.Calendar, calendar.Revision, clock.GetUtcNow());
            return calendar.Calendar;
        }
        finally
        {
            lock (_gate) _loading = null;
        }
    }

    public void Invalidate() => _cached = null;

    /// <summary>
    /// Runs an edit of the venue, its prices, holidays or per-date overrides in one write
    /// transaction with the revision bump that tells every instance to reload.
    /// </summary>
    public Task ChangeAsync(Func<DbConnection, DbTransaction, Task> change, CancellationToken ct = default) =>
        ChangeAsync<object?>(async (connection, tx) => { await change(connection, tx); return null; }, ct);

    /// <summary>
    /// As above, answering the edit's result. An edit that refuses throws <see cref="UndoWrite{T}"/>
    /// with its answer: nothing it wrote is kept, the revision included.
    /// </summary>
    public async Task<T> ChangeAsync<T>(Func<DbConnection, DbTransaction, Task<T>> change, CancellationToken ct = default)
    {
        // An edit of several slot rows may meet a hold batch's row locks in the other order on
        // PostgreSQL; the deadlock rolls the whole edit back, so it is safe to run again.
        var result = await TransientRetry.RunAsync(() => db.WriteAsync(async (connection, tx) =>
        {
            var value = await change(connection, tx);
            await connection.ExecuteAsync("UPDATE venue SET revision = revision + 1", transaction: tx);
            return value;
        }, ct), ct);
        Invalidate();
        return result;
    }

    /// <summary>Tells every instance to reload (after an edit made some other way).</summary>
    public Task BumpRevisionAsync(CancellationToken ct = default) => ChangeAsync((_, _) => Task.CompletedTask, ct);

    /// <summary>The watcher read <paramref name="revision"/>: drops the snapshot if it was loaded at another.</summary>
    public void Seen(long revision)
    {
        if (_cached is { } cached && cached.Revision != revision) Invalidate();
    }

    private sealed record Snapshot(VenueCalendar Calendar, long Revision, DateTimeOffset LoadedAt);

    private async Task<(VenueCalendar Calendar, long Revision)> LoadAsync(CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var revision = await connection.ExecuteScalarAsync<long>(RevisionSql); // read first: a change after it only makes us reload again
        var venue = await connection.QuerySingleAsync<VenueRow>("SELECT * FROM venue");
        var prices = await connection.QueryAsync<PriceRow>("SELECT ticket_type, day_kind, amount FROM prices");
        var holidays = await connection.QueryAsync<DateOnly>("SELECT visit_date FROM holidays");
        var overrides = await connection.QueryAsync<OverrideRow>("SELECT * FROM day_overrides");
        var settings = venue.ToSettings();
        var priceList = new PriceList(
            prices.ToDictionary(p => (Enum.Parse<TicketType>(p.TicketType, true), Enum.Parse<DayKind>(p.DayKind, true)), p => (int)p.Amount),
            holidays.ToHashSet());
        return (new VenueCalendar(settings, VenueTime.Of(settings.TimeZone), priceList,
            overrides.Select(o => o.ToOverride()).ToDictionary(o => o.Date)), revision);
    }

    internal const string RevisionSql = "SELECT revision FROM venue";

    private sealed class PriceRow
    {
        public string TicketType { get; set; } = "";
        public string DayKind { get; set; } = "";
        public long Amount { get; set; }
    }

    internal sealed class OverrideRow
    {
        public DateOnly VisitDate { get; set; }
        public long Closed { get; set; }
        public string? Opens { get; set; }
        public string? Closes { get; set; }
        public long? SlotCapacity { get; set; }

        public DayOverride ToOverride() => new(VisitDate, Closed != 0,
            Opens is null ? null : TimeOnly.Parse(Opens), Closes is null ? null : TimeOnly.Parse(Closes), (int?)SlotCapacity);
    }
}
