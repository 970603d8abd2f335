using System.Data.Common;
using Dapper;

namespace Tidegate.Bench.Scenarios.Chaos;

/// <summary>
/// The database held against what the visitors were told: acknowledged holds whose row is missing,
/// oversold slots, payments the sandbox said succeeded whose booking is neither confirmed nor
/// refunded, and confirmed bookings without exactly one ticket email queued.
/// </summary>
public sealed record ChaosVerdict(
    int HoldsLost, int Oversold, IReadOnlyList<string> Unsettled, int ConfirmedMailNotOne,
    int Confirmed, int Refunded, int RefundsPending, int PaymentsPending, int? LedgerSucceeded, int? LedgerUnsettled)
{
    public int PaidUnsettled => Unsettled.Count;

    public bool Settled => PaidUnsettled == 0 && ConfirmedMailNotOne == 0 && RefundsPending == 0 && LedgerUnsettled is null or 0;

    public static ChaosVerdict Judge(DbConnection db, Told told)
    {
        var bookings = db.Query<(string Id, string Status)>(
            "SELECT id, status FROM bookings WHERE visit_date = @Date", new { Rush.Date }).ToDictionary(b => b.Id, b => b.Status);
        var payments = db.Query<(string Id, string BookingId, string? Ref, string Status)>(
            "SELECT id, booking_id, provider_ref, status FROM payments").ToList();
        var refunds = db.Query<(string PaymentId, string Status)>("SELECT payment_id, status FROM refunds").ToList();
        var mails = db.Query<(string BookingId, long Count)>(
            "SELECT booking_id, COUNT(*) FROM mail_outbox WHERE kind = 'ticket' GROUP BY booking_id").ToDictionary(m => m.BookingId, m => m.Count);

        var refunded = refunds.Where(r => r.Status == "succeeded").Select(r => r.PaymentId).ToHashSet();
        var paymentByRef = payments.Where(p => p.Ref is not null).ToDictionary(p => p.Ref!, p => p.Id);
        var unsettled = told.Paid.Where(p =>
            bookings.GetValueOrDefault(p.Value) != "confirmed"
            && !(paymentByRef.TryGetValue(p.Key, out var id) && refunded.Contains(id))).Select(p => p.Key).ToList();
        // The sandbox's own books, where it keeps them in the database (sandbox_payments): money taken that no visitor may have heard of.
        var ledger = SandboxLedger(db);
        var bookingByRef = payments.Where(p => p.Ref is not null).ToDictionary(p => p.Ref!, p => p.BookingId);
        var ledgerUnsettled = ledger?.Count(l => l.Status == "succeeded" && l.Refunded < l.Amount
            && !(bookingByRef.TryGetValue(l.Id, out var b) && bookings.GetValueOrDefault(b) == "confirmed")
            && !(paymentByRef.TryGetValue(l.Id, out var id) && refunded.Contains(id)));
        var confirmed = bookings.Where(b => b.Value == "confirmed").Select(b => b.Key).ToList();
        return new ChaosVerdict(
            HoldsLost: told.Holds.Keys.Count(id => !bookings.ContainsKey(id)),
            Oversold: Engine.Oversold(db),
            Unsettled: unsettled,
            ConfirmedMailNotOne: confirmed.Count(id => mails.GetValueOrDefault(id) != 1),
            Confirmed: confirmed.Count,
            Refunded: refunded.Count,
            RefundsPending: refunds.Count(r => r.Status == "pending"),
            PaymentsPending: payments.Count(p => p.Status == "pending"),
            LedgerSucceeded: ledger?.Count(l => l.Status == "succeeded"),
            LedgerUnsettled: ledgerUnsettled);
    }

    private static List<(string Id, string Status, long Amount, long Refunded)>? SandboxLedger(DbConnection db)
    {
        try { return db.Query<(string, string, long, long)>("SELECT id, status, amount, refunded FROM sandbox_payments").ToList(); }
        catch (DbException) { return null; } // the sandbox keeps its payments in memory in this build
    }
}
