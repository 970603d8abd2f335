using System.Security.Claims;
using Tidegate.Server.Features.Payments;

namespace Tidegate.Server.Features.Booking;

/// <summary>
/// GET /payments/return/{bookingId}?key=…: where the provider sends the visitor back. Runs the
/// same idempotent settlement as the webhook (the visitor may be faster than it), then shows the ticket page.
/// </summary>
public static class ReturnFromPayment
{
    public static async Task<IResult> Handle(
        string bookingId, string? key, ClaimsPrincipal user, BookingLookup lookup, BookingAccess access, SettlePayment settle, CancellationToken ct)
    {
        var found = await lookup.FindAsync(bookingId, key, user, ct);
        if (!found.IsOk) return Infrastructure.Problems.From(found.Error);
        var booking = found.Value;
        await settle.SettleBookingAsync(booking.Id, ct);
        return TypedResults.Redirect($"/tickets/{Uri.EscapeDataString(booking.Id)}?key={Uri.EscapeDataString(access.KeyFor(booking.Id))}");
    }
}
