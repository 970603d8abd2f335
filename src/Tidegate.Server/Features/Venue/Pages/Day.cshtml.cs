using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tidegate.Domain.Booking;
using Tidegate.Domain.Common;
using Tidegate.Domain.Venue;

namespace Tidegate.Server.Features.Venue.Pages;

/// <summary>
/// The slots of one date with the places left and how busy each is. Before the date opens: when it
/// opens, a countdown in its last day, and the way into the waiting room when the line will guard
/// the opening. While the line guards the date, a visitor without an admission goes straight into it.
/// </summary>
public sealed class DayModel(AvailabilityCache availability, VenueStore venues, IWaitingRoom waitingRoom, TimeProvider clock) : PageModel
{
    public DateOnly Date { get; private set; }
    public GetAvailability.Response Availability { get; private set; } = null!;
    public bool OpensLater { get; private set; }
    /// <summary>Before the opening, in its last day: the seconds left (the server's clock decides, not the phone's).</summary>
    public int? CountdownSeconds { get; private set; }
    /// <summary>Before the opening: the waiting room will guard it, and visitors may join now.</summary>
    public bool WaitingRoomAtOpening { get; private set; }
    public DateTimeOffset Now { get; private set; }
    /// <summary>The slots a row per hour of the venue's clock, so a whole day fits two phone screens.</summary>
    public IReadOnlyList<IGrouping<int, GetAvailability.SlotView>> Hours { get; private set; } = [];
    /// <summary>This date's price per ticket type (tax included) and whether the weekend and holiday prices apply.</summary>
    public IReadOnlyList<(TicketType Type, int Amount)> Prices { get; private set; } = [];
    public bool HolidayPrices { get; private set; }

    public async Task<IActionResult> OnGetAsync(string date, CancellationToken ct)
    {
        if (CalendarDates.Parse(date) is not { } day) return NotFound();
        Date = day;
        Now = clock.GetUtcNow();
        Availability = await availability.ReadAsync(day);
        Hours = Availability.Slots.GroupBy(slot => slot.Start.Hour).ToList();
        var prices = (await venues.GetAsync(ct)).Prices;
        HolidayPrices = prices.KindOf(day) == DayKind.WeekendOrHoliday;
        Prices = Enum.GetValues<TicketType>().Select(type => (type, prices.PriceOf(type, day))).ToList();
        OpensLater = Now < Availability.BookingOpensAt;
        if (OpensLater && Availability.Open)
        {
            var left = Availability.BookingOpensAt - Now;
            if (left <= Opening.CountdownFrom) CountdownSeconds = (int)Math.Ceiling(left.TotalSeconds);
            WaitingRoomAtOpening = left <= Opening.CountdownFrom && waitingRoom.Guards(day, Availability.BookingOpensAt, Availability.BookingOpensAt);
        }
        if (CountdownSeconds is not null)
        {
            Response.Headers.CacheControl = "no-store"; // at 00:00 the page reloads and must ask the server again
            return Page();
        }
        if (Availability.Bookable && waitingRoom.Guards(day, Availability.BookingOpensAt, Now))
        {
            Response.Headers.CacheControl = "no-store"; // depends on the visitor's admission
            if (!waitingRoom.Admits(Request.Cookies[IWaitingRoom.AdmissionCookie], day, Availability.BookingOpensAt, Now))
                return Redirect($"/queue/{IsoDate.Text(day)}");
            return Page();
        }
        Site.PageCache.Briefly(Response);
        return Page();
    }

    /// <summary>
    /// How a slot that cannot be chosen is labelled: sold out, not yet open, ended (today, once it is
    /// over: SPEC §3 books a slot until it ends), or bookings closed for another reason.
    /// </summary>
    public string UnavailableKey(GetAvailability.SlotView slot) =>
        OpensLater ? (slot.Remaining == 0 ? "Midnight_SlotFull" : "Midnight_SlotNotYet")
        : Now >= slot.End ? "Words_SlotEnded"
        : slot.Remaining == 0 ? "Midnight_SlotFull"
        : "Midnight_SlotOver";

    /// <summary>The look that goes with <see cref="UnavailableKey"/>.</summary>
    public static string BadgeOf(string key) => key switch
    {
        "Midnight_SlotFull" => "badge-full",
        "Midnight_SlotNotYet" => "badge-notyet",
        _ => "badge-over",
    };
}
