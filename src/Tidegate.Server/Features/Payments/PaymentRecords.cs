using Dapper;
using Tidegate.Server.Data;

namespace Tidegate.Server.Features.Payments;

/// <summary>One payment as staff see it (never card data: there is none).</summary>
public sealed record StaffPayment(string PaymentId, string Purpose, string Provider, string? ProviderRef, int Amount, string Currency,
    string Status, string? FailureCode, DateTimeOffset CreatedAt, DateTimeOffset? SettledAt);

/// <summary>One refund as staff see it.</summary>
public sealed record StaffRefund(string RefundId, string PaymentId, int Amount, string Reason, string Status, DateTimeOffset CreatedAt);

/// <summary>Every payment and refund of a booking, for the staff's booking search (the visitor's summary is <see cref="PaymentSummary"/>).</summary>
public static class PaymentRecords
{
    public static async Task<(IReadOnlyList<StaffPayment> Payments, IReadOnlyList<StaffRefund> Refunds)> OfBookingAsync(
        Db db, string bookingId, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var payments = await connection.QueryAsync<PaymentLine>(new CommandDefinition("""
            SELECT id AS payment_id, purpose, provider, provider_ref, amount, currency, status, failure_code, created_at, settled_at
            FROM payments WHERE booking_id = @BookingId ORDER BY created_at, id
            """, new { BookingId = bookingId }, cancellationToken: ct));
        var refunds = await connection.QueryAsync<RefundLine>(new CommandDefinition("""
            SELECT id AS refund_id, payment_id, amount, reason, status, created_at
            FROM refunds WHERE booking_id = @BookingId ORDER BY created_at, id
            """, new { BookingId = bookingId }, cancellationToken: ct));
        return (payments.Select(p => new StaffPayment(p.PaymentId, p.Purpose, p.Provider, p.ProviderRef, (int)p.Amount, p.Currency, p.Status,
                p.FailureCode, p.CreatedAt, p.SettledAt)).ToList(),
            refunds.Select(r => new StaffRefund(r.RefundId, r.PaymentId, (int)r.Amount, r.Reason, r.Status, r.CreatedAt)).ToList());
    }

    // Rows as the engines give them (SQLite's integers are 64-bit), turned into the records above.
    private sealed class PaymentLine
    {
        public string PaymentId { get; set; } = "";
        public string Purpose { get; set; } = "";
        public string Provider { get; set; } = "";
        public string? ProviderRef { get; set; }
        public long Amount { get; set; }
        public string Currency { get; set; } = "";
        public string Status { get; set; } = "";
        public string? FailureCode { get; set; }
        public DateTimeOffset CreatedAt { get; set; }
        public DateTimeOffset? SettledAt { get; set; }
    }

    private sealed class RefundLine
    {
        public string RefundId { get; set; } = "";
        public string PaymentId { get; set; } = "";
        public long Amount { get; set; }
        public string Reason { get; set; } = "";
        public string Status { get; set; } = "";
        public DateTimeOffset CreatedAt { get; set; }
    }
}
