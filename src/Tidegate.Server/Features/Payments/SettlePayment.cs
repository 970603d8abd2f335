using Dapper;
using Tidegate.Domain.Payments;
using Tidegate.Server.Data;
using Tidegate.Server.Infrastructure.Telemetry;

namespace Tidegate.Server.Features.Payments;

public enum SettleResult { NotStarted, Open, Failed, Settled, Mismatch }

/// <summary>
/// The one idempotent check every signal triggers (webhook, the visitor's return, reconciliation):
/// ask the provider for the payment's true state, never trusting what the signal said, and apply it.
/// Throws when the provider cannot be reached; the caller decides whether that matters.
/// </summary>
public sealed class SettlePayment(
    Db db, PaymentGateway gateway, IPaymentSucceeded succeeded, RefundRunner refunds, TimeProvider clock, PaymentReconcileOptions options,
    ILogger<SettlePayment> logger)
{
    public async Task<SettleResult> SettleAsync(PaymentRow payment, CancellationToken ct = default)
    {
        if (payment.ProviderRef is null) return SettleResult.NotStarted;
        if (payment.Status == PaymentStatus.Succeeded)
        {
            await refunds.RunForBookingAsync(payment.BookingId, ct);
            return SettleResult.Settled;
        }
        var fresh = await gateway.RetrieveAsync(payment.ProviderRef, ct);
        if (fresh.Amount != payment.Amount || !string.Equals(fresh.Currency, payment.Currency, StringComparison.OrdinalIgnoreCase))
        {
            logger.LogError("Payment {PaymentId}: the provider reports another amount or currency; not settled", payment.Id);
            TidegateMetrics.PaymentSettled("mismatch");
            return SettleResult.Mismatch;
        }
        var now = clock.GetUtcNow();
        if (fresh.Status == PaymentStatus.Succeeded)
        {
            var outcome = await succeeded.ApplyAsync(payment, ct);
            logger.LogInformation("Payment {PaymentId} settled: {Outcome}", payment.Id, outcome);
            if (outcome != ConfirmationOutcome.AlreadySettled) TidegateMetrics.PaymentSettled(OutcomeTag(outcome));
            await refunds.RunForBookingAsync(payment.BookingId, ct);
            return SettleResult.Settled;
        }
        var abandonAfter = TimeSpan.FromHours(options.AbandonAfterHours);
        var status = fresh.Status == PaymentStatus.Failed ? PaymentStatus.Failed
            : now - DateTimeOffset.FromUnixTimeMilliseconds(payment.CreatedAt) > abandonAfter ? PaymentStatus.Abandoned
            : PaymentStatus.Pending;
        var changed = await db.WriteAsync((connection, tx) => connection.ExecuteAsync(PaymentSql.MarkOpen,
            new { payment.Id, Status = status, fresh.FailureCode, Now = now }, tx), ct);
        if (changed > 0 && status != PaymentStatus.Pending && status != payment.Status) TidegateMetrics.PaymentSettled(status);
        return status == PaymentStatus.Failed ? SettleResult.Failed : SettleResult.Open;
    }

    private static string OutcomeTag(ConfirmationOutcome outcome) => outcome switch
    {
        ConfirmationOutcome.ConfirmedLate => "confirmed_late",
        ConfirmationOutcome.Moved => "moved",
        ConfirmationOutcome.Refunding => "refunding",
        _ => "confirmed",
    };

    /// <summary>Settles every open payment of a booking (the visitor's return); provider trouble is not the visitor's problem here.</summary>
    public async Task SettleBookingAsync(string bookingId, CancellationToken ct)
    {
        List<PaymentRow> payments;
        await using (var connection = await db.OpenAsync(ct))
            payments = (await PaymentRow.OfBookingAsync(connection, null, bookingId)).ToList();
        foreach (var payment in payments.Where(p => p.Status is PaymentStatus.Pending or PaymentStatus.Abandoned or PaymentStatus.Succeeded))
        {
            try { await SettleAsync(payment, ct); }
            catch (Exception e) when (PaymentGateway.IsUnavailable(e))
            {
                logger.LogWarning("Payment {PaymentId} not settled on return ({Error}); the webhook or reconciliation will", payment.Id, e.GetType().Name);
            }
        }
    }
}
