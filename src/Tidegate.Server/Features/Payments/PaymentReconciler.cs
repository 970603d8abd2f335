using Dapper;
using Tidegate.Server.Data;
using Tidegate.Server.Infrastructure.Jobs;

namespace Tidegate.Server.Features.Payments;

/// <summary>
/// Settles every payment still pending some minutes after it was created by asking the provider,
/// and retries refunds left pending, so a lost webhook never leaves a paid visitor without a ticket
/// (Tidegate:Payments:Reconcile:IntervalSeconds, PendingAfterSeconds, RecheckSeconds).
/// </summary>
public sealed class PaymentReconciler(
    Db db, SettlePayment settle, RefundRunner refunds, JobLeases leases, TimeProvider clock, PaymentReconcileOptions options, ILogger<PaymentReconciler> logger)
    : BackgroundService
{
    public async Task<int> RunOnceAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        List<PaymentRow> pending;
        await using (var connection = await db.OpenAsync(ct))
            pending = (await connection.QueryAsync<PaymentRow>(PaymentSql.PendingPayments, new
            {
                Before = now.AddSeconds(-options.PendingAfterSeconds),
                RecheckBefore = now.AddSeconds(-options.RecheckSeconds),
                Limit = 100,
            })).ToList();
        var settled = 0;
        foreach (var payment in pending)
        {
            try
            {
                if (await settle.SettleAsync(payment, ct) == SettleResult.Settled) settled++;
            }
            catch (PaymentProviderException e) when (!e.Transient)
            {
                // The provider refused this one payment (it does not know it, say): the others still
                // deserve their round, so skip it instead of pausing reconciliation for everyone.
                logger.LogWarning("Reconciliation skipped payment {PaymentId}: the provider refused it ({Error})", payment.Id, e.Message);
            }
            catch (Exception e) when (PaymentGateway.IsUnavailable(e))
            {
                logger.LogWarning("Reconciliation paused: the payment provider is unavailable ({Error})", e.GetType().Name);
                return settled;
            }
        }
        await refunds.RunPendingAsync(now.AddSeconds(-options.RefundRetrySeconds), 100, ct);
        return settled;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.IntervalSeconds));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            if (!leases.ShouldRun(JobNames.PaymentReconciler)) continue;
            try { await RunOnceAsync(stoppingToken); }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Payment reconciliation failed; will try again");
            }
        }
    }
}
