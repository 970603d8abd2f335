using System.Data.Common;
using Dapper;
using Tidegate.Domain.Booking;
using Tidegate.Domain.Payments;
using Tidegate.Domain.Venue;
using Tidegate.Server.Features.Payments;

using Tidegate.Server.Data;

namespace Tidegate.Server.Features.Booking;

public sealed record MoveTarget(DateOnly VisitDate, int StartMinute, int Amount);

public enum MoveResult { Moved, SoldOut, LimitExceeded, Stale }

/// <summary>
/// The SQL of a move, inside the caller's transaction: claim the new slot with the one conditional
/// UPDATE, compare-and-set the booking on its ticket serial (bumping it revokes the old ticket code),
/// give the old slot's places back, and queue the new ticket's email.
/// </summary>
public static class BookingMoves
{
    public static async Task<(MoveResult Result, BookingRow? Moved)> MoveAsync(DbConnection connection, DbTransaction tx, BookingRow booking,
        MoveTarget target, long now, IEnumerable<IMoveStep> steps)
    {
        if (target.VisitDate != booking.VisitDate)
        {
            if (await PersonDateRule.HasOtherActiveAsync(connection, tx, target.VisitDate, booking.PersonKey, booking.Id, now))
                return (MoveResult.LimitExceeded, null);
            await PersonDateRule.ReleaseLapsedAsync(connection, tx, target.VisitDate, booking.PersonKey, now);
        }
        var slot = new { target.VisitDate, target.StartMinute, booking.Persons, Now = now };
        await HoldStore.ReleaseAsync(connection, tx, await connection.QueryAsync<HoldStore.Released>(BookingSql.ExpireLapsedOfSlot, slot, tx));
        if (await connection.QuerySingleOrDefaultAsync<long?>(BookingSql.Claim, slot, tx) is null) return (MoveResult.SoldOut, null);
        var moved = await connection.QuerySingleOrDefaultAsync<BookingRow>("""
            UPDATE bookings SET visit_date = @VisitDate, start_minute = @StartMinute, amount = @Amount, ticket_serial = ticket_serial + 1
            WHERE id = @Id AND status = 'confirmed' AND ticket_serial = @Serial
            RETURNING *
            """, new { target.VisitDate, target.StartMinute, target.Amount, booking.Id, Serial = booking.TicketSerial }, tx);
        if (moved is null) return (MoveResult.Stale, null);
        await HoldStore.ReleaseAsync(connection, tx, [new HoldStore.Released
        {
            VisitDate = booking.VisitDate, StartMinute = booking.StartMinute, Persons = booking.Persons,
        }]);
        // The old code is revoked by the serial bump: the visitor gets the new ticket by email, in this same transaction.
        foreach (var step in steps) await step.OnMovedAsync(connection, tx, booking, target, now);
        return (MoveResult.Moved, moved);
    }

    /// <summary>The difference of a move to a dearer slot was paid: make the move now, or refund if it can no longer be made.</summary>
    public static async Task<ConfirmationOutcome?> ApplyPaidMoveAsync(DbConnection connection, DbTransaction tx, BookingRow booking,
        PaymentRow payment, VenueCalendar calendar, DateTimeOffset now, IEnumerable<IMoveStep> steps)
    {
        var ms = now.ToUnixTimeMilliseconds();
        var current = booking.Status == BookingStatus.Confirmed && booking.TicketSerial == payment.MoveSerial
            && CancellationRules.Check(booking.Status, booking.VisitDate, calendar.Time, now) is null;
        if (current)
        {
            var target = new MoveTarget(payment.MoveDate!.Value, (int)payment.MoveStartMinute!, (int)payment.MoveAmount!);
            var (result, _) = await MoveAsync(connection, tx, booking, target, ms, steps);
            if (result == MoveResult.Stale) throw BookingConfirmation.LostCompareAndSet();
            if (result == MoveResult.Moved) return ConfirmationOutcome.Moved;
            // Sold out or limit: nothing was claimed (releasing lapsed holds on the way is always right), so refund in this transaction.
        }
        await RefundLedger.RecordForPaymentAsync(connection, tx, payment, RefundReason.MoveNotPossible, ms);
        return ConfirmationOutcome.Refunding;
    }
}
