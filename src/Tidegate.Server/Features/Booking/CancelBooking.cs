using Dapper;
using Tidegate.Domain.Booking;
using Tidegate.Domain.Common;
using Tidegate.Domain.Payments;
using Tidegate.Server.Data;
using Tidegate.Server.Features.Audit;
using Tidegate.Server.Features.Payments;
using Tidegate.Server.Features.Venue;
using Tidegate.Server.Infrastructure;

namespace Tidegate.Server.Features.Booking;

/// <summary>
/// POST /api/v1/bookings/{id}/cancel: until 23:59 the day before the visit. One transaction
/// compare-and-sets the status, gives the places back and records the refund of everything paid;
/// the refund is made at the provider after commit. A repeat finds the booking cancelled and refunds nothing more.
/// </summary>
public sealed class CancelBooking(
    Db db, VenueStore venues, RefundRunner refunds, SlotSignals signals, AuditLog audit, IEnumerable<ICancellationStep> steps, TimeProvider clock)
{
    public static async Task<IResult> Handle(string bookingId, HttpRequest http, BookingLookup lookup, CancelBooking useCase, CancellationToken ct)
    {
        var found = await lookup.FindAsync(bookingId, http, ct);
        if (!found.IsOk) return Problems.From(found.Error);
        var result = await useCase.ExecuteAsync(found.Value, ct);
        return result.IsOk ? TypedResults.Ok(result.Value) : Problems.From(result.Error);
    }

    /// <summary>Reads of the booking and decisions made again after a lost compare-and-set, before giving up.</summary>
    private const int LostCompareAndSetAttempts = 5;

    /// <summary>The cancellation itself, shared by the API and the ticket page.</summary>
    public Task<Result<BookingView>> ExecuteAsync(BookingRow booking, CancellationToken ct) => ExecuteAsync(booking, null, ct);

    /// <summary>
    /// The same cancellation; when staff do it on the visitor's behalf, <paramref name="onBehalf"/>
    /// (who, and why) is appended to the audit log in the transaction that cancels, so the entry
    /// exists exactly when the cancellation does. A repeat cancels, refunds and audits nothing more.
    /// </summary>
    public async Task<Result<BookingView>> ExecuteAsync(BookingRow booking, AuditEvent? onBehalf, CancellationToken ct)
    {
        var bookingId = booking.Id;
        var calendar = await venues.GetAsync(ct);

        for (var attempt = 1; booking.Status != BookingStatus.Cancelled && attempt <= LostCompareAndSetAttempts; attempt++)
        {
            var now = clock.GetUtcNow();
            if (CancellationRules.Check(booking.Status, booking.VisitDate, calendar.Time, now) is { } closed) return closed;
            if (await TransientRetry.RunAsync(() => TryCancelAsync(booking, onBehalf, now.ToUnixTimeMilliseconds(), ct), ct))
            {
                // Places came back: this instance's sold-out memory of the slot ends now.
                signals.Released(booking.VisitDate, (int)booking.StartMinute);
                break;
            }
            // A lost compare-and-set: the booking changed since it was read.
            booking = (await BookingRow.FindAsync(db, bookingId, ct))!;
        }
        await refunds.RunForBookingAsync(booking.Id, ct);
        var row = (await BookingRow.FindAsync(db, bookingId, ct))!;
        var view = row.ToView(calendar.Time, clock.GetUtcNow(), calendar.Settings.SlotMinutes);
        return await BookingViews.WithPaymentsAsync(db, view, ct);
    }

    /// <summary>False when the booking changed since it was read: read again and decide again.</summary>
    private Task<bool> TryCancelAsync(BookingRow booking, AuditEvent? onBehalf, long now, CancellationToken ct) =>
        db.WriteAsync(async (connection, tx) =>
        {
            var released = (await connection.QueryAsync<HoldStore.Released>("""
                UPDATE bookings SET status = 'cancelled', ended_at = @Now WHERE id = @Id AND status = @Status
                RETURNING visit_date, start_minute, persons
                """, new { booking.Id, booking.Status, Now = now }, tx)).ToList();
            if (released.Count == 0) return false;
            // An expired hold's places went back when it expired; held and confirmed ones go back now.
            if (booking.Status != BookingStatus.Expired) await HoldStore.ReleaseAsync(connection, tx, released);
            // A released hold gives back the waiting-room admission it spent (release and change during the rush).
            if (booking.Status == BookingStatus.Held) await Queue.QueueAdmissions.ReturnAsync(connection, tx, booking.VisitDate, booking.Id);
            var refunded = await RefundLedger.RecordAsync(connection, tx, booking.Id, int.MaxValue, RefundReason.Cancelled, RefundReason.Cancelled, now);
            if (onBehalf is not null)
                await audit.AppendAsync(connection, tx, onBehalf with { Detail = $"{onBehalf.Detail}; refund {refunded} JPY".TrimStart(';', ' ') });
            // A confirmed booking's visitor is told (the cancellation email with the refund), in this same transaction.
            if (booking.Status == BookingStatus.Confirmed)
                foreach (var step in steps) await step.OnCancelledAsync(connection, tx, booking, refunded, now);
            return true;
        }, ct);
}
