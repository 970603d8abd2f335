using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tidegate.Domain.Booking;
using Tidegate.Domain.Venue;

namespace Tidegate.Server.Features.Venue.Pages;

/// <summary>The home page: a month calendar of which dates are open, bookable, sold out or open soon.</summary>
public sealed class CalendarModel(VenueStore venues, SlotStore slots, IWaitingRoom waitingRoom, TimeProvider clock) : PageModel
{
    /// <summary>A date whose bookings open within the day: when, the seconds left, and whether the waiting room guards it.</summary>
    public sealed record NextOpening(DateOnly Date, DateTimeOffset OpensAt, int Seconds, bool WaitingRoom);

    public IReadOnlyList<NextOpening> Openings { get; private set; } = [];

    public DateOnly Month { get; private set; }
    public DateOnly? Previous { get; private set; }
    public DateOnly? Next { get; private set; }
    public IReadOnlyList<CalendarDay> Days { get; private set; } = [];
    /// <summary>The venue's prices, said under the calendar: weekday, then weekend and holiday.</summary>
    public PriceList Prices { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string? month, CancellationToken ct)
    {
        var calendar = await venues.GetAsync(ct);
        Prices = calendar.Prices;
        var now = clock.GetUtcNow();
        var today = calendar.Time.Today(now);
        var first = new DateOnly(today.Year, today.Month, 1);
        Month = DateOnly.TryParseExact(month, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var asked)
                && asked >= first && asked <= first.AddMonths(2) ? asked : first;
        Previous = Month > first ? Month.AddMonths(-1) : null;
        Next = Month < first.AddMonths(2) ? Month.AddMonths(1) : null;

        var gridStart = Month.AddDays(-(int)Month.DayOfWeek);
        var gridEnd = Month.AddMonths(1).AddDays(-1);
        gridEnd = gridEnd.AddDays(6 - (int)gridEnd.DayOfWeek);
        var remaining = await slots.RemainingByDateAsync(gridStart, gridEnd, now, ct);
        var days = new List<CalendarDay>();
        for (var date = gridStart; date <= gridEnd; date = date.AddDays(1))
            days.Add(new CalendarDay(date, StateOf(calendar, date, today, now, remaining), BookingWindow.OpensAt(date, calendar.Time), date.Month == Month.Month));
        Days = days;
        Openings = OpeningsWithin(calendar, today, now);
        if (Openings.Count > 0) Response.Headers.CacheControl = "no-store"; // the countdown reloads at 00:00
        else Site.PageCache.Briefly(Response);
        return Page();
    }

    /// <summary>The dates (one, or up to three at a month's end) that open at the next 00:00, if it is within a day.</summary>
    private IReadOnlyList<NextOpening> OpeningsWithin(VenueCalendar calendar, DateOnly today, DateTimeOffset now)
    {
        var found = new List<NextOpening>();
        for (var date = today.AddMonths(1).AddDays(-1); date <= today.AddMonths(1).AddDays(4); date = date.AddDays(1))
        {
            var opensAt = BookingWindow.OpensAt(date, calendar.Time);
            if (opensAt <= now || opensAt - now > Opening.CountdownFrom || calendar.Slots(date).Count == 0) continue;
            found.Add(new NextOpening(date, calendar.Time.Local(opensAt), (int)Math.Ceiling((opensAt - now).TotalSeconds),
                waitingRoom.Guards(date, opensAt, opensAt)));
        }
        return found;
    }

    private static DayState StateOf(VenueCalendar calendar, DateOnly date, DateOnly today, DateTimeOffset now, IReadOnlyDictionary<DateOnly, int> remaining)
    {
        if (date < today) return DayState.Past;
        if (calendar.Slots(date).Count == 0) return DayState.Closed;
        if (calendar.IsBookable(date, now)) return remaining.TryGetValue(date, out var left) && left <= 0 ? DayState.SoldOut : DayState.Bookable;
        return now < BookingWindow.OpensAt(date, calendar.Time) ? DayState.OpensLater : DayState.Over;
    }
}
