using System.Data.Common;
using System.Security.Claims;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;
using Tidegate.Domain.Booking;
using Tidegate.Domain.Common;
using Tidegate.Domain.Payments;
using Tidegate.Domain.Venue;
using Tidegate.Server.Data;
using Tidegate.Server.Features.Payments;
using Tidegate.Server.Features.Venue;
using Tidegate.Server.Infrastructure;

namespace Tidegate.Server.Features.Booking;

[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record MoveBookingRequest(string? Date, string? Start);

/// <summary>A move to a dearer slot waits for the difference: pay at paymentUrl, and the move happens when it is paid.</summary>
/// <summary>Either the moved booking, or the payment the move waits for.</summary>
public sealed record MoveOutcome(BookingView? Moved, MovePaymentRequired? PaymentRequired);

public sealed record MovePaymentRequired(string Status, string PaymentId, string PaymentUrl, int AmountDue, string Currency, BookingView Booking);

/// <summary>
/// POST /api/v1/bookings/{id}/move {date, start}: a confirmed booking moves to another slot, under
/// the cancellation deadline and the booking rules of the new slot. Same price or cheaper: the move
/// happens at once (200, the booking; a cheaper slot's difference is refunded). Dearer: 202 with a
/// payment for the difference; when it is paid the new slot is claimed and the move made, or, if the
/// slot filled up meanwhile, the difference is refunded and the booking stays as it was. Each move
/// bumps the ticket serial, which revokes the old ticket code.
/// </summary>
public static class MoveBooking
{
    public static async Task<IResult> Handle(
        string bookingId, HttpRequest http, ClaimsPrincipal user, Db db, BookingAccess access, VenueStore venues, SlotStore slots,
        PaymentGateway gateway, RefundRunner refunds, SlotSignals signals, TimeProvider clock,
        IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, CancellationToken ct)
    {
        if (bookingId.Length > 64) return Problems.NotFound("No such booking.");
        var body = await JsonBody.ReadAsync<MoveBookingRequest>(http, json.Value.SerializerOptions);
        var booking = await BookingRow.FindAsync(db, bookingId, ct);
        if (booking is null || !access.Allows(booking.Id, http.Headers[GetBooking.KeyHeader].ToString(), booking.MemberId, user))
            return Problems.NotFound("No such booking, or the access key does not match.");
        if (!body.IsOk) return Problems.From(body.Error);
        if (BookingInput.ParseDate(body.Value.Date) is not { } date) return Problems.Invalid("date", "'date' must be a calendar date as yyyy-MM-dd.");
        if (BookingInput.ParseTime(body.Value.Start) is not { } start) return Problems.Invalid("start", "'start' must be a slot start time as HH:mm.");

        var result = await ExecuteAsync(booking, date, start, CheckoutBooking.PublicBaseUrl(http), db, access, venues, slots,
            gateway, refunds, signals, clock, ct);
        if (!result.IsOk) return Problems.From(result.Error);
        return result.Value.PaymentRequired is { } due
            ? TypedResults.Accepted($"/api/v1/bookings/{booking.Id}", due)
            : TypedResults.Ok(result.Value.Moved);
    }

    /// <summary>The move itself, shared by the API and the change page.</summary>
    public static async Task<Result<MoveOutcome>> ExecuteAsync(
        BookingRow booking, DateOnly date, TimeOnly start, string baseUrl, Db db, BookingAccess access, VenueStore venues, SlotStore slots,
        PaymentGateway gateway, RefundRunner refunds, SlotSignals signals, TimeProvider clock, CancellationToken ct)
    {
        var bookingId = booking.Id;
        var calendar = await venues.GetAsync(ct);
        var now = clock.GetUtcNow();
        if (booking.Status != BookingStatus.Confirmed)
            return (new Error(ErrorCodes.NotConfirmed, "Only a confirmed booking can move to another slot."));
        if (CancellationRules.Check(booking.Status, booking.VisitDate, calendar.Time, now) is { } closed) return closed;
        var tickets = new TicketCounts((int)booking.Adults, (int)booking.Children, (int)booking.Infants, (int)booking.Toddlers);
        var terms = HoldRules.Check(calendar.Settings, calendar.Day(date), calendar.Prices, calendar.Time, start, tickets, now);
        if (!terms.IsOk) return terms.Error;
        var target = new MoveTarget(date, terms.Value.Slot.StartMinute, terms.Value.Amount);
        if (target.VisitDate == booking.VisitDate && target.StartMinute == booking.StartMinute)
            return new Error(ErrorCodes.InvalidRequest, "The booking is already in this slot.").With("field", "start");
        await slots.EnsureAsync(calendar, date, ct);

        var price = new MovePrice((int)booking.Amount, target.Amount);
        if (price.ToCharge > 0)
            return await RequestPaymentAsync(baseUrl, booking, target, price, db, access, gateway, calendar, clock, ct);

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var (result, moved) = await MoveNowAsync(db, booking, target, price, clock.GetUtcNow().ToUnixTimeMilliseconds(), ct);
                if (result == MoveResult.SoldOut)
                    return (new Error(ErrorCodes.SoldOut, "Not enough places left in that slot.").With("remaining", 0));
                if (result == MoveResult.LimitExceeded)
                    return (new Error(ErrorCodes.LimitExceeded, "There is already an active booking for this person on that date."));
                if (result == MoveResult.Moved)
                {
                    signals.Released(booking.VisitDate, (int)booking.StartMinute);
                    await refunds.RunForBookingAsync(booking.Id, ct);
                    var view = moved!.ToView(calendar.Time, clock.GetUtcNow(), calendar.Settings.SlotMinutes);
                    return new MoveOutcome(await PaymentSummary.AttachAsync(db, view, ct), null);
                }
            }
            catch (DbException e) when (Db.IsTransient(e) && attempt < 5) { continue; }
            if (attempt >= 3) return (new Error(ErrorCodes.NotConfirmed, "The booking changed meanwhile; read it and try again."));
            booking = (await BookingRow.FindAsync(db, bookingId, ct))!;
            if (booking.Status != BookingStatus.Confirmed)
                return (new Error(ErrorCodes.NotConfirmed, "Only a confirmed booking can move to another slot."));
        }
    }

    private static Task<(MoveResult, BookingRow?)> MoveNowAsync(Db db, BookingRow booking, MoveTarget target, MovePrice price, long now,
        CancellationToken ct) =>
        db.WriteAsync<(MoveResult, BookingRow?)>(async (connection, tx) =>
        {
            var (result, moved) = await BookingMoves.MoveAsync(connection, tx, booking, target, now);
            if (result != MoveResult.Moved) throw new UndoWrite((result, (BookingRow?)null));
            if (price.ToRefund > 0)
                await RefundLedger.RecordAsync(connection, tx, booking.Id, price.ToRefund, RefundReason.MoveDifference,
                    $"move-{booking.TicketSerial}", now);
            return (result, moved);
        }, ct);

    private static async Task<Result<MoveOutcome>> RequestPaymentAsync(string baseUrl, BookingRow booking, MoveTarget target, MovePrice price, Db db,
        BookingAccess access, PaymentGateway gateway, VenueCalendar calendar, TimeProvider clock, CancellationToken ct)
    {
        var key = PaymentKeys.ForMove(booking.Id, booking.TicketSerial, target.VisitDate, target.StartMinute);
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var payment = await PaymentRow.EnsureAsync(db, new PaymentRow
        {
            Id = Guid.CreateVersion7().ToString(), BookingId = booking.Id, Purpose = PaymentPurpose.Move, Provider = gateway.Provider.Name,
            IdempotencyKey = key, Amount = price.ToCharge, Currency = "JPY", MoveDate = target.VisitDate, MoveStartMinute = target.StartMinute,
            MoveAmount = target.Amount, MoveSerial = booking.TicketSerial, CreatedAt = now, UpdatedAt = now,
        }, ct);
        try
        {
            var created = payment is { ProviderRef: not null, CheckoutUrl: not null }
                ? new ProviderPayment(payment.ProviderRef, payment.Status, (int)payment.Amount, payment.Currency, payment.CheckoutUrl, null)
                : await gateway.CreateAsync(new NewPayment(booking.Id, (int)payment.Amount, payment.Currency,
                    $"{baseUrl}/payments/return/{booking.Id}?key={Uri.EscapeDataString(access.KeyFor(booking.Id))}", baseUrl), key, ct);
            await PaymentRow.SetReferenceAsync(db, payment.Id, created, now, ct);
            var view = booking.ToView(calendar.Time, clock.GetUtcNow(), calendar.Settings.SlotMinutes);
            return new MoveOutcome(null,
                new MovePaymentRequired("payment_required", created.Reference, created.CheckoutUrl!, price.ToCharge, "JPY", view));
        }
        catch (Exception e) when (PaymentGateway.IsUnavailable(e))
        {
            return new Error(ErrorCodes.PaymentUnavailable, "The card payment service is not answering right now; try again in a moment.");
        }
    }
}
