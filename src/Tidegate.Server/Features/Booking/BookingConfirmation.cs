using System.Data.Common;
using Dapper;
using Tidegate.Domain.Booking;
using Tidegate.Domain.Payments;
using Tidegate.Domain.Venue;
using Tidegate.Server.Data;
using Tidegate.Server.Features.Payments;
using Tidegate.Server.Features.Venue;

namespace Tidegate.Server.Features.Booking;

/// <summary>
/// Applies a payment the provider says has succeeded, exactly once: one transaction that first
/// compare-and-sets the payment (pending → succeeded; a repeat finds nothing to do), then the
/// booking (held → confirmed, or a late re-claim of places, or a refund decision), and runs every
/// <see cref="IConfirmationStep"/> inside it. Every signal (webhook, return, reconciliation) comes here.
/// </summary>
public sealed class BookingConfirmation(Db db, VenueStore venues, TimeProvider clock, IEnumerable<IConfirmationStep> steps,
    IEnumerable<IMoveStep> moveSteps) : IPaymentSucceeded
{
    /// <summary>Decisions made again on fresh rows after a lost compare-and-set, before giving up.</summary>
    private const int LostCompareAndSetAttempts = 5;

    Task<ConfirmationOutcome> IPaymentSucceeded.ApplyAsync(PaymentRow payment, CancellationToken ct) => ConfirmAsync(payment, ct);

    public async Task<ConfirmationOutcome> ConfirmAsync(PaymentRow payment, CancellationToken ct = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                if (await TransientRetry.RunAsync(() => TryConfirmAsync(payment, ct), ct) is { } outcome) return outcome;
            }
            catch (DbException e) when (Db.IsUniqueViolation(e) && attempt < LostCompareAndSetAttempts)
            {
                // Another active booking of the person got in: a lost compare-and-set too.
            }
            if (attempt >= LostCompareAndSetAttempts)
                throw new InvalidOperationException($"Payment {payment.Id} could not be settled after {attempt} attempts.");
            await TransientRetry.PauseAsync(ct);
        }
    }

    /// <summary>Null when the booking changed under us (a lost compare-and-set): the caller decides again.</summary>
    private async Task<ConfirmationOutcome?> TryConfirmAsync(PaymentRow payment, CancellationToken ct)
    {
        var calendar = await venues.GetAsync(ct);
        var now = clock.GetUtcNow();
        return await db.WriteAsync((connection, tx) => ApplyAsync(connection, tx, payment, calendar, now, ct), ct);
    }

    /// <summary>One transaction (in the write lane): mark the payment succeeded once, then confirm, move or refund.</summary>
    private async Task<ConfirmationOutcome?> ApplyAsync(DbConnection connection, DbTransaction tx, PaymentRow payment, VenueCalendar calendar,
        DateTimeOffset now, CancellationToken ct)
    {
        var ms = now.ToUnixTimeMilliseconds();
        if (!await PaymentRow.MarkSucceededAsync(connection, tx, payment.Id, ms))
            return ConfirmationOutcome.AlreadySettled;
        var booking = await connection.QuerySingleAsync<BookingRow>("SELECT * FROM bookings WHERE id = @BookingId", payment, tx);
        if (payment.Purpose == PaymentPurpose.Move)
            return await BookingMoves.ApplyPaidMoveAsync(connection, tx, booking, payment, calendar, now, moveSteps);

        var slotEnd = calendar.Time.At(booking.VisitDate, SlotGrid.AtMinute((int)booking.StartMinute).AddMinutes(calendar.Settings.SlotMinutes));
        var decision = ConfirmationDecision.Decide(true, booking.Status, booking.ExpiresAt, slotEnd, now);
        switch (decision.Action)
        {
            case Settlement.Confirm:
                var held = await connection.QuerySingleOrDefaultAsync<BookingRow>(
                    "UPDATE bookings SET status = 'confirmed', confirmed_at = @Now WHERE id = @Id AND status = 'held' RETURNING *",
                    new { booking.Id, Now = ms }, tx);
                if (held is null) throw LostCompareAndSet();
                return await FinishAsync(connection, tx, held, decision.Late ? ConfirmationOutcome.ConfirmedLate : ConfirmationOutcome.Confirmed, ct);

            case Settlement.ReclaimThenConfirm:
                if (await PersonDateRule.HasOtherActiveAsync(connection, tx, booking.VisitDate, booking.PersonKey, booking.Id, ms))
                    return await RefundAsync(connection, tx, payment, RefundReason.LateOtherBooking, ms);
                await PersonDateRule.ReleaseLapsedAsync(connection, tx, booking.VisitDate, booking.PersonKey, ms);
                var claimed = await connection.QuerySingleOrDefaultAsync<long?>(BookingSql.Claim, booking, tx);
                if (claimed is null) return await RefundAsync(connection, tx, payment, RefundReason.LateNoPlaces, ms);
                var revived = await connection.QuerySingleOrDefaultAsync<BookingRow>(
                    "UPDATE bookings SET status = 'confirmed', confirmed_at = @Now, ended_at = NULL WHERE id = @Id AND status = 'expired' RETURNING *",
                    new { booking.Id, Now = ms }, tx);
                if (revived is null) throw LostCompareAndSet();
                return await FinishAsync(connection, tx, revived, ConfirmationOutcome.ConfirmedLate, ct);

            case Settlement.Refund:
                return await RefundAsync(connection, tx, payment, decision.RefundReason!, ms);

            default:
                return ConfirmationOutcome.AlreadySettled;
        }
    }

    /// <summary>Undoes this attempt's writes; the caller reads the rows again and decides again.</summary>
    internal static UndoWrite<ConfirmationOutcome?> LostCompareAndSet() => new(null);

    private async Task<ConfirmationOutcome?> FinishAsync(DbConnection connection, DbTransaction tx, BookingRow confirmed,
        ConfirmationOutcome outcome, CancellationToken ct)
    {
        foreach (var step in steps) await step.OnConfirmedAsync(connection, tx, confirmed, ct);
        return outcome;
    }

    private static async Task<ConfirmationOutcome?> RefundAsync(DbConnection connection, DbTransaction tx, PaymentRow payment, string reason, long now)
    {
        await RefundLedger.RecordForPaymentAsync(connection, tx, payment, reason, now);
        return ConfirmationOutcome.Refunding;
    }
}
