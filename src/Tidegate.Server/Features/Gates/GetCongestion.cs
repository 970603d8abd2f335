using Tidegate.Domain.Common;
using Dapper;
using Tidegate.Domain.Gates;
using Tidegate.Server.Data;
using Tidegate.Server.Features.Venue;
using Tidegate.Server.Infrastructure;

namespace Tidegate.Server.Features.Gates;

/// <summary>
/// GET /api/v1/congestion[?date=]: persons inside now (entries − exits, dwell estimate for missing
/// exits) with its level, and a first forecast per slot from confirmed bookings × dwell. Public; the
/// figures are aggregated in SQL so the cost does not grow with the day's scans.
/// </summary>
public static class GetCongestion
{
    public sealed record ForecastView(DateTimeOffset Start, int ExpectedInside, string Level);

    public sealed record Response(DateTimeOffset AsOf, string Date, int Inside, int ComfortableCapacity, string Level, IReadOnlyList<ForecastView> Forecast);

    private sealed class Counts
    {
        public long Entered { get; set; }
        public long PresumedGone { get; set; }
        public long Exits { get; set; }
    }

    public static async Task<IResult> Handle(string? date, Db db, VenueStore venues, GateSettings settings, TimeProvider clock, CancellationToken ct)
    {
        var calendar = await venues.GetAsync(ct);
        var now = clock.GetUtcNow();
        var today = calendar.Time.Today(now);
        if ((date is null ? today : Tidegate.Domain.Venue.CalendarDates.Parse(date)) is not { } day)
            return Problems.Invalid("date", "Query parameter 'date' must be a calendar date as yyyy-MM-dd.");
        return TypedResults.Ok(await ReadAsync(day, db, venues, settings, clock, ct));
    }

    /// <summary>The figures themselves, shared by the API and the congestion page.</summary>
    public static async Task<Response> ReadAsync(DateOnly day, Db db, VenueStore venues, GateSettings settings, TimeProvider clock, CancellationToken ct)
    {
        var calendar = await venues.GetAsync(ct);
        var now = clock.GetUtcNow();
        var today = calendar.Time.Today(now);
        var congestion = settings.Congestion;

        await using var connection = await db.OpenAsync(ct);
        var inside = 0;
        if (day == today)
        {
            var counts = await connection.QuerySingleAsync<Counts>("""
                SELECT COALESCE((SELECT SUM(admitted) FROM gate_scans WHERE visit_date = @Day AND admitted > 0 AND scanned_at <= @Now), 0) AS entered,
                       COALESCE((SELECT SUM(admitted) FROM gate_scans WHERE visit_date = @Day AND admitted > 0 AND scanned_at <= @Gone), 0) AS presumed_gone,
                       COALESCE((SELECT SUM(persons) FROM gate_exits WHERE visit_date = @Day), 0) AS exits
                """, new { Day = day, Now = now, Gone = now.AddMinutes(-congestion.DwellMinutes) });
            var dwell = TimeSpan.FromMinutes(congestion.DwellMinutes);
            // The aggregate as two entries: those presumed gone by now, and the rest.
            Entry[] entries = [new(now - dwell, (int)counts.PresumedGone), new(now, (int)(counts.Entered - counts.PresumedGone))];
            inside = Occupancy.Inside(entries, (int)counts.Exits, now, dwell);
        }

        var booked = await BookedAsync(connection, calendar, day);
        var forecast = calendar.Slots(day).Select(slot =>
        {
            var start = calendar.Time.Start(slot);
            var expected = Congestion.Expected(booked, start, congestion);
            return new ForecastView(start, expected, Congestion.Level(expected, congestion));
        }).ToList();

        return new Response(calendar.Time.Local(now), IsoDate.Text(day), inside, congestion.ComfortableCapacity,
            Congestion.Level(inside, congestion), forecast);
    }

    /// <summary>
    /// Expected persons inside at each of <paramref name="instants"/> of one day, the same estimate as the
    /// slot forecast: the congestion page asks it for every opening hour, past the last entry too.
    /// </summary>
    public static async Task<IReadOnlyList<int>> ExpectedAtAsync(DateOnly day, IReadOnlyList<DateTimeOffset> instants, Db db, VenueStore venues, GateSettings settings, CancellationToken ct)
    {
        var calendar = await venues.GetAsync(ct);
        await using var connection = await db.OpenAsync(ct);
        var booked = await BookedAsync(connection, calendar, day);
        return instants.Select(at => Congestion.Expected(booked, at, settings.Congestion)).ToList();
    }

    private static async Task<List<Entry>> BookedAsync(System.Data.Common.DbConnection connection, Domain.Venue.VenueCalendar calendar, DateOnly day) =>
        (await Booking.BookedBySlot.ReadAsync(day, connection))
            .Select(b => new Entry(calendar.Time.At(day, Domain.Venue.SlotGrid.AtMinute(b.Key)), b.Value)).ToList();
}
