using Dapper;
using Tidegate.Domain.Booking;
using Tidegate.Domain.Venue;
using Tidegate.Server.Data;

namespace Tidegate.Server.Features.Venue;

/// <summary>
/// The calendar console's reads: per date of a month its hours, holiday, kind of day, capacity and
/// box-office share, persons sold and held, and the waiting room's guard; per slot of one date its
/// counters. Slot rows are the truth for a slot once they exist; before that, the day's plan.
/// </summary>
public sealed class CalendarOverview(Db db, VenueStore venues, IWaitingRoomDates waitingRoom, TimeProvider clock)
{
    public sealed record DateView(
        DayPlan Plan, int Slots, string? Holiday, DayKind Kind, CapacitySplit Capacity, Booked Booked, DateTimeOffset BookingOpensAt, WaitingRoomGuard Guard)
    {
        public DateOnly Date => Plan.Date;
    }

    public sealed record SlotView(TimeOnly Start, CapacitySplit Capacity, long OnlineTaken, long BoxTaken, Booked Booked);

    /// <summary>Persons confirmed (online and box office) and in live holds, and the active bookings.</summary>
    public sealed record Booked(long Sold, long Held, long Bookings)
    {
        public static readonly Booked None = new(0, 0, 0);
    }

    public async Task<IReadOnlyList<DateView>> MonthAsync(DateOnly month, CancellationToken ct)
    {
        var first = new DateOnly(month.Year, month.Month, 1);
        var last = first.AddMonths(1).AddDays(-1);
        var calendar = await venues.GetAsync(ct);
        await using var connection = await db.OpenAsync(ct);
        var range = new { From = first, To = last, Now = clock.GetUtcNow() };
        var holidays = (await connection.QueryAsync<(DateOnly Date, string Name)>(CalendarSql.HolidaysBetween, range)).ToDictionary(h => h.Date, h => h.Name);
        var booked = (await connection.QueryAsync<(DateOnly Date, long Sold, long Held, long Bookings)>(CalendarSql.BookedByDate, range))
            .ToDictionary(b => b.Date, b => new Booked(b.Sold, b.Held, b.Bookings));
        var days = new List<DateView>();
        for (var date = first; date <= last; date = date.AddDays(1))
            days.Add(ViewOf(calendar, date, holidays.GetValueOrDefault(date), booked.GetValueOrDefault(date) ?? Booked.None));
        return days;
    }

    public async Task<(DateView Date, IReadOnlyList<SlotView> Slots)> DayAsync(DateOnly date, CancellationToken ct)
    {
        var calendar = await venues.GetAsync(ct);
        await using var connection = await db.OpenAsync(ct);
        var args = new { Date = date, Now = clock.GetUtcNow() };
        var holiday = await connection.QuerySingleOrDefaultAsync<string>(CalendarSql.Holiday, args);
        var booked = (await connection.QueryAsync<(long Minute, long Sold, long Held, long Bookings)>(CalendarSql.BookedBySlot, args))
            .ToDictionary(b => (int)b.Minute, b => new Booked(b.Sold, b.Held, b.Bookings));
        var rows = (await connection.QueryAsync<(long Minute, long Capacity, long Online, long OnlineTaken, long BoxTaken)>(CalendarSql.SlotRows, args))
            .ToDictionary(r => (int)r.Minute);
        var total = new Booked(booked.Values.Sum(b => b.Sold), booked.Values.Sum(b => b.Held), booked.Values.Sum(b => b.Bookings));
        var day = ViewOf(calendar, date, holiday, total);
        var slots = calendar.Slots(date).Select(slot =>
        {
            var minute = slot.StartMinute;
            var split = rows.TryGetValue(minute, out var row)
                ? new CapacitySplit((int)row.Capacity, (int)row.Online, (int)(row.Capacity - row.Online))
                : day.Capacity;
            return new SlotView(slot.Start, split, row.OnlineTaken, row.BoxTaken,
                booked.GetValueOrDefault(minute) ?? Booked.None);
        }).ToList();
        return (day, slots);
    }

    private DateView ViewOf(VenueCalendar calendar, DateOnly date, string? holiday, Booked booked)
    {
        var plan = calendar.Day(date);
        var opensAt = BookingWindow.OpensAt(date, calendar.Time);
        return new DateView(plan, calendar.Slots(date).Count, holiday, calendar.Prices.KindOf(date), calendar.Capacity(date), booked, opensAt,
            waitingRoom.GuardOf(date, opensAt));
    }
}
