using System.Security.Claims;
using Tidegate.Server.Data;
using Tidegate.Server.Features.Booking;

namespace Tidegate.Server.Features.Payments;

/// <summary>
/// GET /payments/return/{bookingId}?key=…: where the provider sends the visitor back. Runs the
/// same idempotent settlement as the webhook (the visitor may be faster than it), then shows the ticket page.
/// </summary>
public static class ReturnFromPayment
{
    public static async Task<IResult> Handle(
        string bookingId, string? key, ClaimsPrincipal user, Db db, BookingAccess access, SettlePayment settle, CancellationToken ct)
    {
        if (bookingId.Length > 64) return Infrastructure.Problems.NotFound("No such booking.");
        var booking = await BookingRow.FindAsync(db, bookingId, ct);
        if (booking is null || !access.Allows(booking.Id, key, booking.MemberId, user))
            return Infrastructure.Problems.NotFound("No such booking, or the access key does not match.");
        await settle.SettleBookingAsync(booking.Id, ct);
        return TypedResults.Redirect($"/tickets/{Uri.EscapeDataString(booking.Id)}?key={Uri.EscapeDataString(access.KeyFor(booking.Id))}");
    }
}
