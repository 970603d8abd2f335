using System.Text;
using Tidegate.Domain.Gates;
using Tidegate.Domain.Venue;
using Tidegate.Server.Features.Booking;
using Tidegate.Server.Features.Tickets.Mail;
using Tidegate.Server.Features.Venue;
using Tidegate.Server.Infrastructure;

namespace Tidegate.Server.Features.Tickets;

/// <summary>GET /api/v1/bookings/{id}/ticket.ics?key=…[&amp;lang=en]: the visit (its entry window) as a calendar event, for the holder of the access key.</summary>
public static class GetTicketCalendar
{
    public static async Task<IResult> Handle(string bookingId, string? key, string? lang, HttpContext http, BookingLookup lookup, TicketIssuer issuer,
        VenueStore venues, EntryWindow entry, VenueContactOptions venue, TimeProvider clock, CancellationToken ct)
    {
        var found = await lookup.FindAsync(bookingId, key ?? BookingLookup.KeyOf(http.Request), http.User, ct, "ticket");
        if (!found.IsOk) return Problems.From(found.Error);
        var booking = found.Value;
        if (!TicketIssuer.HasTicket(booking)) return Problems.NotFound("No such ticket, or the access key does not match.");
        var language = lang is "en" or "ja" ? lang : booking.Language ?? "ja";
        var calendar = await venues.GetAsync(ct);
        var start = SlotGrid.AtMinute((int)booking.StartMinute);
        var slot = new Slot(booking.VisitDate, start, start.AddMinutes(calendar.Settings.SlotMinutes));
        var ics = TicketCalendar.Ics(TicketCalendar.VisitOf(booking.Id, booking.TicketSerial, entry.From(calendar.Time.Start(slot)),
            entry.Until(calendar.Time.End(slot)), venue, language, issuer.PageUrl(booking.Id, language), clock.GetUtcNow()));
        http.Response.Headers.CacheControl = "private, no-store";
        return Results.File(Encoding.UTF8.GetBytes(ics), TicketCalendar.ContentType + "; charset=utf-8", "visit.ics");
    }
}
