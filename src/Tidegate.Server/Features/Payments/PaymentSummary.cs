using Dapper;
using Tidegate.Domain.Payments;
using Tidegate.Server.Data;

namespace Tidegate.Server.Features.Payments;

/// <summary>What the visitor sees of the money: what was paid, and what went back and why.</summary>
public sealed record PaymentView(string Status, int Paid, string? PaymentId);

public sealed record RefundView(int Amount, string Status, string Reason, string Detail);

/// <summary>A booking's payments and refunds as the visitor sees them; the booking's views attach it.</summary>
public static class PaymentSummary
{
    public static async Task<(PaymentView? Payment, RefundView? Refund)> OfBookingAsync(Db db, string bookingId, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var payments = (await PaymentRow.OfBookingAsync(connection, null, bookingId)).ToList();
        if (payments.Count == 0) return (null, null);
        var refunds = (await connection.QueryAsync<(long Amount, string Status, string Reason)>(
            "SELECT amount, status, reason FROM refunds WHERE booking_id = @BookingId ORDER BY created_at, id", new { BookingId = bookingId })).ToList();
        var first = payments[0];
        var paid = (int)payments.Where(p => p.Status == PaymentStatus.Succeeded).Sum(p => p.Amount);
        var payment = new PaymentView(paid > 0 ? PaymentStatus.Succeeded : payments[^1].Status, paid, first.ProviderRef);
        if (refunds.Count == 0) return (payment, null);
        var reason = refunds[^1].Reason;
        var refund = new RefundView((int)refunds.Sum(r => r.Amount),
            refunds.All(r => r.Status == "succeeded") ? "succeeded" : "pending", reason, RefundReason.Explain(reason));
        return (payment, refund);
    }
}
