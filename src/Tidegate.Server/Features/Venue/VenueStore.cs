using Dapper;
using Tidegate.Domain.Booking;
using Tidegate.Domain.Venue;
using Tidegate.Server.Data;

namespace Tidegate.Server.Features.Venue;

/// <summary>
/// Loads the venue's calendar snapshot from the database and keeps it for a few seconds: it changes
/// only when an operator edits it, and every request needs it.
/// </summary>
public sealed class VenueStore(Db db, TimeProvider clock)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(5);
    private (VenueCalendar Calendar, DateTimeOffset LoadedAt)? _cached;

    public async Task<VenueCalendar> GetAsync(CancellationToken ct = default)
    {
        var cached = _cached;
        if (cached is { } hit && clock.GetUtcNow() - hit.LoadedAt < Lifetime) return hit.Calendar;
        var calendar = await LoadAsync(ct);
        _cached = (calendar, clock.GetUtcNow());
        return calendar;
    }

    public void Invalidate() => _cached = null;

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
