using System.Data.Common;
using Tidegate.Domain.Common;
using Tidegate.Server.Features.Booking;
using Tidegate.Server.Infrastructure.Mail;

namespace Tidegate.Server.Features.Tickets.Mail;

/// <summary>
/// Tickets' steps in Booking's transactions: queues the confirmation, change and cancellation emails
/// in the outbox inside the transaction that made the change, so none is ever lost or sent for a
/// change that rolled back. Sending happens later, in the background, so a slow or dead mail server
/// never slows or fails a booking. Bookings without an email (box office) get none.
/// </summary>
public sealed class QueueTicketEmail(TimeProvider clock, MailSignal signal) : IConfirmationStep, IMoveStep, ICancellationStep
{
    /// <summary>A move revoked the old code: the new ticket, saying the old QR is void and what the difference was.</summary>
    public async Task OnMovedAsync(DbConnection connection, DbTransaction tx, BookingRow before, MoveTarget target, long now)
    {
        if (before.EmailEnc is null) return;
        var difference = target.Amount - (int)before.Amount;
        var detail = new MailDetail(IsoDate.Text(before.VisitDate), (int)before.StartMinute, Math.Max(0, difference), Math.Max(0, -difference));
        await TicketMailOutbox.EnqueueAsync(connection, tx, before.Id, now, MailKinds.Changed, detail.ToJson());
        signal.Notify();
    }

    public async Task OnConfirmedAsync(DbConnection connection, DbTransaction tx, BookingRow booking, CancellationToken ct)
    {
        if (booking.EmailEnc is null) return;
        await TicketMailOutbox.EnqueueAsync(connection, tx, booking.Id, clock.GetUtcNow().ToUnixTimeMilliseconds());
        signal.Notify(); // the worker looks again at once; the row is visible once the caller commits
    }

    public async Task OnCancelledAsync(DbConnection connection, DbTransaction tx, BookingRow booking, int refunded, long now)
    {
        if (booking.EmailEnc is null) return;
        await TicketMailOutbox.EnqueueAsync(connection, tx, booking.Id, now, MailKinds.Cancelled, new MailDetail(Refunded: refunded).ToJson());
        signal.Notify();
    }
}
