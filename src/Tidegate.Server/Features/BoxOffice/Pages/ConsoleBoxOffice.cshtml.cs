using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Tidegate.Domain.Booking;
using Tidegate.Domain.Common;
using Tidegate.Server.Features.Booking;
using Tidegate.Server.Features.Tickets;
using Tidegate.Server.Features.Venue;
using Tidegate.Server.Infrastructure;
using Tidegate.Server.Infrastructure.Auth;

namespace Tidegate.Server.Features.BoxOffice.Pages;

/// <summary>
/// Sell today's walk-in places in a few taps: a slot, the party, the price, then the ticket's QR on
/// screen (and printable). The sale is <see cref="SellWalkIn"/>, the API's use case; the form carries
/// a key made when the page was drawn, so a double tap or a resent form sells once.
/// </summary>
[Authorize(Policy = Policies.Operator)]
public sealed class ConsoleBoxOfficeModel(
    BoxOfficeDay day, SellWalkIn sell, BookingLookup bookings, TicketIssuer issuer, VenueStore venues, TimeProvider clock,
    IStringLocalizer<BoxOfficeText> text, IStringLocalizer<SharedResource> shared) : PageModel
{
    public sealed record Sold(string BookingId, SlotTimes Slot, TicketCounts Tickets, int Persons, int Amount, string QrUrl);

    public BoxOfficeDay.Day Today { get; private set; } = null!;
    public Sold? Ticket { get; private set; }
    public string? Problem { get; private set; }

    [BindProperty] public string? Start { get; set; }
    [BindProperty] public int Adult { get; set; }
    [BindProperty] public int Child { get; set; }
    [BindProperty] public int Infant { get; set; }
    [BindProperty] public int Toddler { get; set; }
    [BindProperty] public string SaleKey { get; set; } = "";

    public async Task<IActionResult> OnGetAsync(string? sold, CancellationToken ct)
    {
        await LoadAsync(ct);
        if (sold is not null && sold.Length <= 64 && await bookings.ByIdAsync(sold, ct) is { Channel: "box_office" } row)
        {
            var calendar = await venues.GetAsync(ct);
            var view = row.ToView(calendar.Time, clock.GetUtcNow(), calendar.Settings.SlotMinutes);
            Ticket = new Sold(row.Id, view.Slot, new TicketCounts((int)row.Adults, (int)row.Children, (int)row.Infants, (int)row.Toddlers),
                view.Persons, view.Amount, issuer.ImageUrl(row.Id, "svg"));
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var key = SaleKey is { Length: > 0 and <= 100 } k ? k : null;
        var result = await sell.ExecuteAsync(new SellWalkIn.Request(Start, new TicketsRequest(Adult, Child, Infant, Toddler)), key,
            User.FindFirstValue(ClaimTypes.NameIdentifier), ct);
        if (result.IsOk) return Redirect($"/console/box-office?sold={Uri.EscapeDataString(result.Value.BookingId)}");
        Response.StatusCode = Problems.StatusOf(result.Error.Code);
        await LoadAsync(ct);
        Problem = MessageFor(result.Error);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Response.Headers.CacheControl = "no-store";
        Today = await day.ExecuteAsync(ct);
        // Each drawn form is one sale; a refusal stored nothing under its key, and the corrected form gets a new one.
        SaleKey = Guid.NewGuid().ToString("N");
        if (Start is null && Today.Slots.FirstOrDefault(s => s.WalkInLeft > 0) is { } first) Start = first.Start;
        if (Adult + Child + Infant + Toddler == 0 && Request.Method == "GET") Adult = 1;
    }

    private string MessageFor(Error error)
    {
        var specific = error.Code switch
        {
            ErrorCodes.SoldOut => text["Error_sold_out", error.Extra?.GetValueOrDefault("remaining") ?? 0],
            ErrorCodes.InvalidPartySize => text["Error_invalid_party_size", Today.MaxParty],
            ErrorCodes.InvalidRequest when error.Extra?.GetValueOrDefault("field") is "start" => text["Error_start"],
            _ => text["Error_" + error.Code],
        };
        return specific.ResourceNotFound ? Booking.Pages.Messages.For(error, shared, Today.MaxParty) : specific;
    }

    /// <summary>Today's price of each ticket type, in the order the form lists them.</summary>
    public static readonly TicketType[] Types = [TicketType.Adult, TicketType.Child, TicketType.Infant, TicketType.Toddler];

    public int CountOf(TicketType type) => type switch
    {
        TicketType.Adult => Adult,
        TicketType.Child => Child,
        TicketType.Infant => Infant,
        _ => Toddler,
    };

    public int Total => Types.Sum(t => CountOf(t) * Today.Prices[t]);
}
