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
        string bookingId, string? key, ClaimsPrincipal user, BookingLookup lookup, BookingAccess access, SettlePayment settle, Data.Db db, CancellationToken ct)
    {
        var found = await lookup.FindAsync(bookingId, key, user, ct);
        if (!found.IsOk) return Infrastructure.Problems.From(found.Error);
        var booking = found.Value;
        await settle.SettleBookingAsync(booking.Id, ct);
        // Back from the card page after a declined card (the payment stays open for another card):
        // the booking's own page, to pay again or change, not a ticket page waiting for money that never comes.
        if (booking.Status == Domain.Booking.BookingStatus.Held && await LastAttemptDeclinedAsync(db, booking.Id, ct))
            return TypedResults.Redirect(BookingLookup.Link("booking", booking.Id, access.KeyFor(booking.Id)));
        return TypedResults.Redirect($"/tickets/{Uri.EscapeDataString(booking.Id)}?key={Uri.EscapeDataString(access.KeyFor(booking.Id))}");
    }

    private static async Task<bool> LastAttemptDeclinedAsync(Data.Db db, string bookingId, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var payments = (await PaymentRow.OfBookingAsync(connection, null, bookingId)).ToList();
        return payments.Count > 0 && payments[^1] is { Status: Domain.Payments.PaymentStatus.Pending or Domain.Payments.PaymentStatus.Failed, FailureCode: not null };
    }
}
