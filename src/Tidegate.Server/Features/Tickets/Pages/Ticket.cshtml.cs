using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tidegate.Domain.Booking;
using Tidegate.Domain.Gates;
using Tidegate.Server.Data;
using Tidegate.Server.Features.Booking;
using Tidegate.Server.Features.Tickets.Mail;
using Tidegate.Server.Features.Venue;

namespace Tidegate.Server.Features.Tickets.Pages;

/// <summary>
/// The ticket: QR large, date, slot, party, entry window and how to get there; cancel and change
/// from here. Before the payment is confirmed it says so and looks again by itself.
/// </summary>
public sealed class TicketModel(BookingLookup lookup, Db db, VenueStore venues, TicketIssuer issuer, EntryWindow entry, TimeProvider clock,
    VenueContactOptions venue) : PageModel
{
    /// <summary>The venue's address, access and contact, as the emails give them (Tidegate:Venue:Contact).</summary>
    public VenueContactOptions Venue { get; } = venue;

    public BookingView Booking { get; private set; } = null!;
    public string Key { get; private set; } = "";
    public string? Code { get; private set; }
    public DateTimeOffset EntryFrom { get; private set; }
    public DateTimeOffset EntryUntil { get; private set; }
    public bool Confirming { get; private set; }

    public async Task<IActionResult> OnGetAsync(string bookingId, string? key, CancellationToken ct)
    {
        var row = await lookup.FindForPageAsync(bookingId, key, User, ct);
        if (row is null) return NotFound();
        var calendar = await venues.GetAsync(ct);
        Booking = await BookingViews.WithPaymentsAsync(db, row.ToView(calendar.Time, clock.GetUtcNow(), calendar.Settings.SlotMinutes), ct);
        Key = key ?? "";
        if (Booking.Status == BookingStatus.Held)
        {
            // Back from the card page before the provider's word arrived: wait here; otherwise pay first.
            if (Booking.Payment is { Status: not "failed" and not "declined" }) Confirming = true;
            else return Redirect(BookingLookup.Link("booking", row.Id, Key));
        }
        if (TicketIssuer.HasTicket(row)) Code = issuer.CodeFor(row);
        EntryFrom = entry.From(Booking.Slot.Start);
        EntryUntil = entry.Until(Booking.Slot.End);
        Response.Headers.CacheControl = "no-store";
        return Page();
    }
}
