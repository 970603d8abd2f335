using System.Data.Common;
using Dapper;
using Tidegate.Domain.Payments;
using Tidegate.Server.Data;

namespace Tidegate.Server.Features.Payments;

/// <summary>
/// Refunds are decided inside the transaction that changes the booking (written as 'pending' rows
/// with an idempotency key), and carried out at the provider after commit by <see cref="RefundRunner"/>;
/// reconciliation retries any left pending. So a refund is never lost and never made twice.
/// </summary>
public static class RefundLedger
{
    /// <summary>Refunds <paramref name="amount"/> from the booking's succeeded payments, newest first. Returns what was recorded.</summary>
    public static async Task<int> RecordAsync(DbConnection connection, DbTransaction tx, string bookingId, int amount, string reason,
        string keySuffix, long now)
    {
        var left = amount;
        foreach (var payment in await connection.QueryAsync<(string Id, long Remaining)>(PaymentSql.Refundable, new { BookingId = bookingId }, tx))
        {
            if (left <= 0) break;
            var take = (int)Math.Min(left, payment.Remaining);
            if (take <= 0) continue;
            left -= await InsertAsync(connection, tx, payment.Id, bookingId, take, reason, PaymentKeys.ForRefund(payment.Id, keySuffix), now);
        }
        return amount - left;
    }

    /// <summary>Refunds one payment in full (a late or unwanted payment).</summary>
    public static Task<int> RecordForPaymentAsync(DbConnection connection, DbTransaction tx, PaymentRow payment, string reason, long now) =>
        InsertAsync(connection, tx, payment.Id, payment.BookingId, (int)payment.Amount, reason, PaymentKeys.ForRefund(payment.Id, reason), now);

    private static async Task<int> InsertAsync(DbConnection connection, DbTransaction tx, string paymentId, string bookingId, int amount,
        string reason, string key, long now)
    {
        var inserted = await connection.ExecuteAsync(PaymentSql.InsertRefund, new
        {
            Id = Guid.CreateVersion7().ToString(), PaymentId = paymentId, BookingId = bookingId, Amount = amount, Reason = reason,
            IdempotencyKey = key, Now = now,
        }, tx);
        return inserted == 1 ? amount : 0;
    }
}

/// <summary>Carries out pending refunds at the provider; safe to run any number of times (idempotency keys).</summary>
public sealed class RefundRunner(Db db, PaymentGateway gateway, TimeProvider clock, ILogger<RefundRunner> logger)
{
    public async Task RunForBookingAsync(string bookingId, CancellationToken ct)
    {
        List<PendingRefund> pending;
        await using (var connection = await db.OpenAsync(ct))
            pending = (await connection.QueryAsync<PendingRefund>(PaymentSql.PendingRefundsOfBooking, new { BookingId = bookingId })).ToList();
        await RunAsync(pending, ct);
    }

    public async Task<int> RunPendingAsync(DateTimeOffset before, int limit, CancellationToken ct)
    {
        List<PendingRefund> pending;
        await using (var connection = await db.OpenAsync(ct))
            pending = (await connection.QueryAsync<PendingRefund>(PaymentSql.PendingRefunds,
                new { Before = before, Limit = limit })).ToList();
        await RunAsync(pending, ct);
        return pending.Count;
    }

    private async Task RunAsync(List<PendingRefund> pending, CancellationToken ct)
    {
        foreach (var refund in pending)
        {
            try
            {
                var done = await gateway.RefundAsync(refund.PaymentRef!, (int)refund.Amount, refund.IdempotencyKey, ct);
                await db.WriteAsync((connection, tx) => connection.ExecuteAsync(PaymentSql.RefundDone,
                    new { refund.Id, done.Reference, Now = clock.GetUtcNow() }, tx), ct);
            }
            catch (Exception e) when (PaymentGateway.IsUnavailable(e))
            {
                logger.LogWarning("Refund {RefundId} not made yet ({Error}); reconciliation will retry", refund.Id, e.GetType().Name);
            }
        }
    }

    private sealed class PendingRefund
    {
        public string Id { get; set; } = "";
        public long Amount { get; set; }
        public string IdempotencyKey { get; set; } = "";
        public string? PaymentRef { get; set; }
        public string? BookingId { get; set; }
    }
}
