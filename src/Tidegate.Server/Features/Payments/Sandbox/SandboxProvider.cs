using Dapper;
using Tidegate.Domain.Payments;
using Tidegate.Server.Data;

namespace Tidegate.Server.Features.Payments.Sandbox;

/// <summary>
/// The built-in card provider: its payments live in its own tables (<see cref="SandboxSql"/>), so
/// the checkout, the card form at /sandbox/checkout/{id}, the payment and the webhook may each land
/// on a different instance, and a restart forgets nothing. Every state change is sent to Tidegate
/// as a signed webhook over real HTTP, with the configured faults.
/// </summary>
public sealed class SandboxProvider(Db db, SandboxFaults faults, SandboxWebhooks webhooks, TimeProvider clock, SandboxOptions options)
    : IPaymentProvider
{
    public const string ProviderName = "sandbox";
    public const string SignatureHeader = "Sandbox-Signature";

    public string Name => ProviderName;

    public async Task<ProviderPayment> CreateAsync(NewPayment payment, string idempotencyKey, CancellationToken ct)
    {
        await LatencyAsync(ct);
        var id = "sbx_" + Guid.CreateVersion7().ToString("N");
        var (created, isNew) = await db.WriteAsync(async (connection, tx) =>
        {
            var inserted = await connection.ExecuteAsync(SandboxSql.Create, new
            {
                Id = id, IdempotencyKey = idempotencyKey, payment.Amount, payment.Currency, payment.ReturnUrl,
                CheckoutUrl = $"{payment.PublicBaseUrl}/sandbox/checkout/{id}", CreatedAt = clock.GetUtcNow(),
            }, tx);
            return (await connection.QuerySingleAsync<SandboxPayment>(SandboxSql.ByKey, new { IdempotencyKey = idempotencyKey }, tx), inserted == 1);
        }, ct);
        if (created.Amount != payment.Amount)
            throw new PaymentProviderException("Idempotency key reused with different parameters.", transient: false);
        if (isNew) await webhooks.EnqueueAsync(created, "payment.created", final: false);
        if (faults.Fails(faults.CreateErrorRate)) throw new PaymentProviderException("Sandbox: injected error after create.");
        return created.ToProvider();
    }

    public async Task<ProviderPayment> RetrieveAsync(string reference, CancellationToken ct)
    {
        await LatencyAsync(ct);
        if (faults.Fails(faults.RetrieveErrorRate)) throw new PaymentProviderException("Sandbox: injected error on retrieve.");
        return (await FindAsync(reference, ct))?.ToProvider()
            ?? throw new PaymentProviderException($"Sandbox: no payment {reference}.", transient: false);
    }

    public async Task<ProviderRefund> RefundAsync(string reference, int amount, string idempotencyKey, CancellationToken ct)
    {
        await LatencyAsync(ct);
        var refund = await db.WriteAsync(async (connection, tx) =>
        {
            var key = new { PaymentId = reference, IdempotencyKey = idempotencyKey };
            await connection.ExecuteAsync(SandboxSql.LockPayment, key, tx);
            if (await connection.QuerySingleOrDefaultAsync<RefundRow>(SandboxSql.RefundByKey, key, tx) is { } existing)
                return new ProviderRefund(existing.Reference, existing.Status, (int)existing.Amount);
            var refund = new ProviderRefund("sre_" + Guid.CreateVersion7().ToString("N"), "succeeded", amount);
            var args = new { PaymentId = reference, IdempotencyKey = idempotencyKey, Id = refund.Reference, Amount = amount,
                CreatedAt = clock.GetUtcNow() };
            if (await connection.ExecuteAsync(SandboxSql.TakeRefund, args, tx) == 1)
            {
                await connection.ExecuteAsync(SandboxSql.InsertRefund, args, tx);
                return refund;
            }
            var payment = await connection.QuerySingleOrDefaultAsync<SandboxPayment>(SandboxSql.ById, new { Id = reference }, tx);
            throw new PaymentProviderException(payment is not { Status: PaymentStatus.Succeeded }
                ? $"Sandbox: {reference} has no money to refund." : "Sandbox: refund exceeds the payment.", transient: false);
        }, ct);
        if (faults.Fails(faults.RefundErrorRate)) throw new PaymentProviderException("Sandbox: injected error after refund.");
        return refund;
    }

    /// <summary>What the card form submits: decides by the test card number, then notifies Tidegate. Null when there is no such payment.</summary>
    public async Task<SandboxPayResult?> PayAsync(string paymentId, string cardNumber, CancellationToken ct = default)
    {
        var reason = TestCards.DeclineReason(cardNumber);
        var (payment, changed) = await db.WriteAsync(async (connection, tx) =>
        {
            var changed = await connection.ExecuteAsync(SandboxSql.Decide, new { Id = paymentId, Reason = reason }, tx) == 1;
            return (await connection.QuerySingleOrDefaultAsync<SandboxPayment>(SandboxSql.ById, new { Id = paymentId }, tx), changed);
        }, ct);
        if (payment is null) return null;
        if (!changed) return new SandboxPayResult(PaymentStatus.Succeeded, null, payment.ReturnUrl); // paid before
        await webhooks.EnqueueAsync(payment, reason is null ? "payment.succeeded" : "payment.failed", final: reason is null);
        return new SandboxPayResult(reason is null ? PaymentStatus.Succeeded : "declined", reason, payment.ReturnUrl);
    }

    public async Task<SandboxPayment?> FindAsync(string paymentId, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<SandboxPayment>(SandboxSql.ById, new { Id = paymentId });
    }

    /// <summary>The sandbox's own books (status, amount, refunded), to compare with Tidegate's.</summary>
    public async Task<IReadOnlyList<(string Id, string Status, int Amount, int Refunded)>> LedgerAsync(CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        return (await connection.QueryAsync<SandboxPayment>(SandboxSql.Ledger))
            .Select(p => (p.Id, p.Status, (int)p.Amount, (int)p.Refunded)).ToList();
    }

    public WebhookEvent? ReadWebhook(ReadOnlySpan<byte> body, IHeaderDictionary headers, out string? refusal) =>
        WebhookReader.Read(body, headers[SignatureHeader].ToString(), webhooks.Secret, clock.GetUtcNow(),
            TimeSpan.FromSeconds(options.ToleranceSeconds),
            static root => root.GetProperty("data").GetProperty("paymentId").GetString(), out refusal);

    private sealed class RefundRow
    {
        public string Reference { get; set; } = "";
        public string Status { get; set; } = "";
        public long Amount { get; set; }
    }

    private Task LatencyAsync(CancellationToken ct) => faults.LatencyMs > 0 ? Task.Delay(faults.LatencyMs, ct) : Task.CompletedTask;
}
