using System.Security.Claims;
using Tidegate.Server.Data;
using Tidegate.Server.Features.Tickets;
using Tidegate.Server.Features.Venue;
using Tidegate.Server.Infrastructure;

namespace Tidegate.Server.Features.Booking;

/// <summary>GET /api/v1/bookings/{id}: the booking, for the holder of its access key or its member.</summary>
public static class GetBooking
{
    public const string KeyHeader = "X-Booking-Key";

    public static async Task<IResult> Handle(
        string bookingId, HttpRequest http, ClaimsPrincipal user, Db db, BookingAccess access, VenueStore venues,
        TimeProvider clock, TicketIssuer tickets, CancellationToken ct)
    {
        if (bookingId.Length > 64) return Problems.NotFound("No such booking.");
        var row = await BookingRow.FindAsync(db, bookingId, ct);
        // Same answer for "no such booking" and "wrong key": never reveal that a booking exists.
        if (row is null || !access.Allows(row.Id, http.Headers[KeyHeader].ToString(), row.MemberId, user))
            return Problems.NotFound("No such booking, or the access key does not match.");
        var calendar = await venues.GetAsync(ct);
        var view = row.ToView(calendar.Time, clock.GetUtcNow(), calendar.Settings.SlotMinutes);
        if (TicketIssuer.HasTicket(row)) view = view with { TicketCode = tickets.CodeFor(row), TicketImageUrl = tickets.ImageUrl(row.Id) };
        return TypedResults.Ok(await Payments.PaymentSummary.AttachAsync(db, view, ct));
    }
}
