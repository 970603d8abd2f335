using Tidegate.Domain.Booking;
using Tidegate.Domain.Common;
using Tidegate.Domain.Payments;
using Tidegate.Server.Data;
using Tidegate.Server.Features.Payments;
using Tidegate.Server.Infrastructure;
using Tidegate.Server.Infrastructure.Network;

namespace Tidegate.Server.Features.Booking;

public sealed record CheckoutResponse(string PaymentId, string PaymentUrl, int Amount, string Currency);

/// <summary>
/// POST /api/v1/bookings/{id}/checkout: creates the booking's payment at the provider with a key
/// derived from the booking, so a repeat (or a retry after a provider error) answers the same payment.
/// </summary>
public sealed class CheckoutBooking(Db db, BookingAccess access, PaymentGateway gateway, PublicUrl publicUrl, TimeProvider clock)
{
    public static async Task<IResult> Handle(string bookingId, HttpRequest http, BookingLookup lookup, CheckoutBooking useCase, CancellationToken ct)
    {
        var found = await lookup.FindAsync(bookingId, http, ct);
        if (!found.IsOk) return Problems.From(found.Error);
        var booking = found.Value;

        var result = await useCase.ExecuteAsync(booking, ct);
        return result.IsOk
            ? TypedResults.Created($"/api/v1/bookings/{booking.Id}", result.Value)
            : Problems.From(result.Error);
    }

    /// <summary>The checkout itself, shared by the API and the booking pages.</summary>
    public async Task<Result<CheckoutResponse>> ExecuteAsync(BookingRow booking, CancellationToken ct)
    {
        // The base of the payment's return URL: Tidegate:PublicUrl, never the request's Host.
        var baseUrl = publicUrl.Base;
        var key = PaymentKeys.ForCheckout(booking.Id);
        var existing = await PaymentRow.ByKeyAsync(db, key, ct);
        var status = booking.StatusAt(clock.GetUtcNow());
        if (existing is { ProviderRef: not null, CheckoutUrl: not null } && status is BookingStatus.Held or BookingStatus.Confirmed)
            return new CheckoutResponse(existing.ProviderRef, existing.CheckoutUrl, (int)existing.Amount, "JPY");
        if (status == BookingStatus.Expired)
            return new Error(ErrorCodes.HoldExpired, "The hold on these places has expired; book again.");
        if (status != BookingStatus.Held)
            return new Error(ErrorCodes.NotPayable, $"A {status} booking cannot be paid.");

        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var payment = existing ?? await PaymentRow.EnsureAsync(db, new PaymentRow
        {
            Id = Guid.CreateVersion7().ToString(), BookingId = booking.Id, Purpose = PaymentPurpose.Booking,
            Provider = gateway.Provider.Name, IdempotencyKey = key, Amount = booking.Amount, Currency = "JPY", CreatedAt = now, UpdatedAt = now,
        }, ct);
        try
        {
            var created = await gateway.CreateAsync(new NewPayment(booking.Id, (int)payment.Amount, payment.Currency,
                $"{baseUrl}/payments/return/{booking.Id}?key={Uri.EscapeDataString(access.KeyFor(booking.Id))}", baseUrl), key, ct);
            await PaymentRow.SetReferenceAsync(db, payment.Id, created, now, ct);
            return new CheckoutResponse(created.Reference, created.CheckoutUrl!, (int)payment.Amount, "JPY");
        }
        catch (Exception e) when (PaymentGateway.IsUnavailable(e))
        {
            return new Error(ErrorCodes.PaymentUnavailable,
                "The card payment service is not answering right now. Your places stay held; please try again in a moment.");
        }
    }
}
