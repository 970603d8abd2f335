using Dapper;
using Tidegate.Domain.Booking;
using Tidegate.Domain.Venue;
using Tidegate.Server.Data;

namespace Tidegate.Server.Features.Venue;

/// <summary>
/// Loads the venue's calendar snapshot from the database and keeps it for a few seconds: it changes
/// only when an operator edits it, and every request needs it. One load at a time: every request
/// that finds the snapshot stale waits for the same load, so a busy second does not open a
/// database connection per request (on PostgreSQL, two instances doing that ran the server out of
/// connections).
/// </summary>
public sealed class VenueStore(Db db, TimeProvider clock)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(5);
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
            _cached = new Snapshot(calendar, clock.GetUtcNow());
            return calendar;
        }
        finally
        {
            lock (_gate) _loading = null;
        }
    }

    public void Invalidate() => _cached = null;

    private sealed record Snapshot(VenueCalendar Calendar, DateTimeOffset LoadedAt);

    private async Task<VenueCalendar> LoadAsync(CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var venue = await connection.QuerySingleAsync<VenueRow>("SELECT * FROM venue");
        var prices = await connection.QueryAsync<PriceRow>("SELECT ticket_type, day_kind, amount FROM prices");
        var holidays = await connection.QueryAsync<string>("SELECT visit_date FROM holidays");
        var overrides = await connection.QueryAsync<OverrideRow>("SELECT * FROM day_overrides");
        var settings = venue.ToSettings();
        var priceList = new PriceList(
            prices.ToDictionary(p => (Enum.Parse<TicketType>(p.TicketType, true), Enum.Parse<DayKind>(p.DayKind, true)), p => (int)p.Amount),
            holidays.Select(DateOnly.Parse).ToHashSet());
        return new VenueCalendar(settings, VenueTime.Of(settings.TimeZone), priceList,
            overrides.Select(o => o.ToOverride()).ToDictionary(o => o.Date));
    }

    private sealed class PriceRow
    {
        public string TicketType { get; set; } = "";
        public string DayKind { get; set; } = "";
        public long Amount { get; set; }
    }

    private sealed class OverrideRow
    {
        public string VisitDate { get; set; } = "";
        public long Closed { get; set; }
        public string? Opens { get; set; }
        public string? Closes { get; set; }
        public long? SlotCapacity { get; set; }

        public DayOverride ToOverride() => new(DateOnly.Parse(VisitDate), Closed != 0,
            Opens is null ? null : TimeOnly.Parse(Opens), Closes is null ? null : TimeOnly.Parse(Closes), (int?)SlotCapacity);
    }
}
