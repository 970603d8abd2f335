using System.Data.Common;
using Tidegate.Server.Features.Booking;
using Tidegate.Server.Infrastructure.Mail;

namespace Tidegate.Server.Features.Tickets.Mail;

/// <summary>
/// The confirmation step of tickets: queues the ticket email in the outbox inside the confirmation's
/// transaction. Sending happens later, in the background, so a slow or dead mail server never
/// slows or fails a booking. Bookings without an email (box office, members without one) get none.
/// </summary>
public sealed class QueueTicketEmail(TimeProvider clock, MailSignal signal) : IConfirmationStep, IMoveStep
{
    /// <summary>A move revoked the old code: the visitor gets the new ticket by email, in the move's transaction.</summary>
    public Task OnMovedAsync(DbConnection connection, DbTransaction tx, string bookingId, long now) =>
        TicketMailOutbox.EnqueueAsync(connection, tx, bookingId, now);

    public async Task OnConfirmedAsync(DbConnection connection, DbTransaction tx, BookingRow booking, CancellationToken ct)
    {
        if (booking.EmailEnc is null) return;
        await TicketMailOutbox.EnqueueAsync(connection, tx, booking.Id, clock.GetUtcNow().ToUnixTimeMilliseconds());
        signal.Notify(); // the worker looks again at once; the row is visible once the caller commits
    }
}
