using System.Data.Common;
using Dapper;
using Tidegate.Server.Data;

namespace Tidegate.Server.Features.Tickets.Mail;

/// <summary>
/// The durable outbox of ticket emails. A row is written in the confirmation's transaction (so a
/// confirmed booking always has its email queued) and holds no personal data: the message is
/// composed from the booking when it is sent. Workers claim a row with a conditional UPDATE and a
/// lease, so several instances never send the same row at once; a crashed worker's lease lapses.
/// </summary>
public sealed class TicketMailOutbox(Db db)
{
    public sealed class Item
    {
        public string Id { get; set; } = "";
        public string BookingId { get; set; } = "";
        public long Attempts { get; set; }
        public string Kind { get; set; } = MailKinds.Ticket;
        public string? Detail { get; set; }
    }

    /// <summary>Queues one email of <paramref name="kind"/> (<see cref="MailKinds"/>); <paramref name="detail"/> holds no personal data.</summary>
    public static Task EnqueueAsync(DbConnection connection, DbTransaction tx, string bookingId, long now, string kind = MailKinds.Ticket,
        string? detail = null) =>
        connection.ExecuteAsync("""
            INSERT INTO mail_outbox (id, kind, booking_id, created_at, attempts, next_attempt_at, detail)
            VALUES (@Id, @Kind, @BookingId, @Now, 0, @Now, @Detail)
            """, new { Id = Guid.CreateVersion7().ToString(), Kind = kind, BookingId = bookingId, Now = now, Detail = detail }, tx);

    /// <summary>
    /// Queues the reminder of every confirmed booking with an email visiting on <paramref name="visitDate"/>. The row's id
    /// is the booking and the date, so however many instances or runs do this, each booking gets one reminder per visit date.
    /// </summary>
    public Task<int> EnqueueRemindersAsync(DateOnly visitDate, long now, CancellationToken ct) =>
        db.WriteAsync((connection, tx) => connection.ExecuteAsync("""
            INSERT INTO mail_outbox (id, kind, booking_id, created_at, attempts, next_attempt_at, detail)
            SELECT 'reminder:' || id || ':' || @Day, 'reminder', id, @Now, 0, @Now, @Day
            FROM bookings WHERE visit_date = @VisitDate AND status = 'confirmed' AND email_enc IS NOT NULL
            ON CONFLICT (id) DO NOTHING
            """, new { VisitDate = visitDate, Day = visitDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), Now = now }, tx), ct);

    /// <summary>Queues the resent ticket link of a booking (find my booking).</summary>
    public Task ResendAsync(string bookingId, long now, CancellationToken ct) =>
        db.WriteAsync((connection, tx) => EnqueueAsync(connection, tx, bookingId, now, MailKinds.Resend), ct);

    /// <summary>Due rows this worker now owns until <paramref name="leaseUntil"/>.</summary>
    public Task<IReadOnlyList<Item>> ClaimDueAsync(DateTimeOffset now, DateTimeOffset leaseUntil, int limit, CancellationToken ct) =>
        db.WriteAsync((connection, tx) => ClaimAsync(connection, tx, now, leaseUntil, limit), ct);

    private static async Task<IReadOnlyList<Item>> ClaimAsync(DbConnection connection, DbTransaction tx, DateTimeOffset now, DateTimeOffset leaseUntil, int limit)
    {
        var due = await connection.QueryAsync<Item>("""
            SELECT id, booking_id, attempts, kind, detail FROM mail_outbox
            WHERE sent_at IS NULL AND failed = 0 AND next_attempt_at <= @Now AND (locked_until IS NULL OR locked_until <= @Now)
            ORDER BY next_attempt_at LIMIT @Limit
            """, new { Now = now, Limit = limit }, tx);
        var claimed = new List<Item>();
        foreach (var item in due)
        {
            var won = await connection.ExecuteAsync("""
                UPDATE mail_outbox SET locked_until = @LeaseUntil, attempts = attempts + 1
                WHERE id = @Id AND sent_at IS NULL AND failed = 0 AND (locked_until IS NULL OR locked_until <= @Now)
                """, new { item.Id, Now = now, LeaseUntil = leaseUntil }, tx);
            if (won == 1) claimed.Add(new Item { Id = item.Id, BookingId = item.BookingId, Attempts = item.Attempts + 1, Kind = item.Kind, Detail = item.Detail });
        }
        return claimed;
    }

    public Task MarkSentAsync(string id, DateTimeOffset now, CancellationToken ct) =>
        ExecuteAsync("UPDATE mail_outbox SET sent_at = @Now, locked_until = NULL, last_error = NULL WHERE id = @Id", new { Id = id, Now = now }, ct);

    public Task RetryLaterAsync(string id, DateTimeOffset nextAttemptAt, string error, CancellationToken ct) =>
        ExecuteAsync("UPDATE mail_outbox SET next_attempt_at = @Next, locked_until = NULL, last_error = @Error WHERE id = @Id",
            new { Id = id, Next = nextAttemptAt, Error = error }, ct);

    public Task GiveUpAsync(string id, string error, CancellationToken ct) =>
        ExecuteAsync("UPDATE mail_outbox SET failed = 1, locked_until = NULL, last_error = @Error WHERE id = @Id", new { Id = id, Error = error }, ct);

    private Task ExecuteAsync(string sql, object args, CancellationToken ct) =>
        db.WriteAsync((connection, tx) => connection.ExecuteAsync(sql, args, tx), ct);
}
