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
using Tidegate.Server.Infrastructure.Network;

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
public sealed class MoveBooking(
    Db db, BookingAccess access, VenueStore venues, SlotStore slots, PaymentGateway gateway, RefundRunner refunds, SlotSignals signals,
    IEnumerable<IMoveStep> steps, PublicUrl publicUrl, TimeProvider clock)
{
    public static async Task<IResult> Handle(
        string bookingId, Body<MoveBookingRequest> request, HttpRequest http, BookingLookup lookup, MoveBooking useCase, CancellationToken ct)
    {
        // Not .WithBody: an unknown booking answers 404 before a malformed body's 400.
        var found = await lookup.FindAsync(bookingId, http, ct);
        if (!found.IsOk) return Problems.From(found.Error);
        var booking = found.Value;
        var body = await request.ReadAsync();
        if (!body.IsOk) return Problems.From(body.Error);
        if (BookingInput.ParseDate(body.Value.Date) is not { } date) return Problems.Invalid("date", "'date' must be a calendar date as yyyy-MM-dd.");
        if (BookingInput.ParseTime(body.Value.Start) is not { } start) return Problems.Invalid("start", "'start' must be a slot start time as HH:mm.");

        var result = await useCase.ExecuteAsync(booking, date, start, ct);
        if (!result.IsOk) return Problems.From(result.Error);
        return result.Value.PaymentRequired is { } due
            ? TypedResults.Accepted($"/api/v1/bookings/{booking.Id}", due)
            : TypedResults.Ok(result.Value.Moved);
    }

    /// <summary>Reads of the booking and decisions made again after a lost compare-and-set, before answering that it changed meanwhile.</summary>
    private const int LostCompareAndSetAttempts = 3;

    /// <summary>The move itself, shared by the API and the change page.</summary>
    public async Task<Result<MoveOutcome>> ExecuteAsync(BookingRow booking, DateOnly date, TimeOnly start, CancellationToken ct)
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
            return await RequestPaymentAsync(booking, target, price, calendar, ct);

        for (var attempt = 1; ; attempt++)
        {
            var (result, moved) = await TransientRetry.RunAsync(
                () => MoveNowAsync(booking, target, price, clock.GetUtcNow().ToUnixTimeMilliseconds(), ct), ct);
            if (result == MoveResult.SoldOut)
                return (new Error(ErrorCodes.SoldOut, "Not enough places left in that slot.").With("remaining", 0));
            if (result == MoveResult.LimitExceeded)
                return (new Error(ErrorCodes.LimitExceeded, "There is already an active booking for this person on that date."));
            if (result == MoveResult.Moved)
            {
                signals.Released(booking.VisitDate, (int)booking.StartMinute);
                await refunds.RunForBookingAsync(booking.Id, ct);
                var view = moved!.ToView(calendar.Time, clock.GetUtcNow(), calendar.Settings.SlotMinutes);
                return new MoveOutcome(await BookingViews.WithPaymentsAsync(db, view, ct), null);
            }
            // Stale: a lost compare-and-set (the booking changed since it was read); read it again and decide again.
            if (attempt >= LostCompareAndSetAttempts) return (new Error(ErrorCodes.NotConfirmed, "The booking changed meanwhile; read it and try again."));
            booking = (await BookingRow.FindAsync(db, bookingId, ct))!;
            if (booking.Status != BookingStatus.Confirmed)
                return (new Error(ErrorCodes.NotConfirmed, "Only a confirmed booking can move to another slot."));
        }
    }

    private Task<(MoveResult, BookingRow?)> MoveNowAsync(BookingRow booking, MoveTarget target, MovePrice price, long now,
        CancellationToken ct) =>
        db.WriteAsync<(MoveResult, BookingRow?)>(async (connection, tx) =>
        {
            var (result, moved) = await BookingMoves.MoveAsync(connection, tx, booking, target, now, steps);
            if (result != MoveResult.Moved) throw new UndoWrite<(MoveResult, BookingRow?)>((result, null));
            if (price.ToRefund > 0)
                await RefundLedger.RecordAsync(connection, tx, booking.Id, price.ToRefund, RefundReason.MoveDifference,
                    $"move-{booking.TicketSerial}", now);
            return (result, moved);
        }, ct);

    private async Task<Result<MoveOutcome>> RequestPaymentAsync(BookingRow booking, MoveTarget target, MovePrice price,
        VenueCalendar calendar, CancellationToken ct)
    {
        var baseUrl = publicUrl.Base;
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
