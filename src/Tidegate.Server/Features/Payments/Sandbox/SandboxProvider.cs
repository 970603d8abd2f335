using System.Text;
using Tidegate.Domain.Payments;

namespace Tidegate.Server.Features.Payments.Sandbox;

/// <summary>
/// The built-in card provider: payments live in this process's memory (a restart forgets them, as
/// a sandbox may), the card form is served at /sandbox/checkout/{id}, and every state change is
/// sent to Tidegate as a signed webhook over real HTTP, with the configured faults.
/// </summary>
public sealed class SandboxProvider(SandboxFaults faults, SandboxWebhooks webhooks, TimeProvider clock, IConfiguration config)
    : IPaymentProvider
{
    public const string ProviderName = "sandbox";
    public const string SignatureHeader = "Sandbox-Signature";
    private readonly Dictionary<string, SandboxPayment> _byId = new();
    private readonly Dictionary<string, string> _idByKey = new();
    private readonly Lock _lock = new();

    public string Name => ProviderName;

    public async Task<ProviderPayment> CreateAsync(NewPayment payment, string idempotencyKey, CancellationToken ct)
    {
        await LatencyAsync(ct);
        SandboxPayment created;
        bool isNew;
        lock (_lock)
        {
            isNew = !_idByKey.TryGetValue(idempotencyKey, out var id);
            if (isNew)
            {
                id = "sbx_" + Guid.CreateVersion7().ToString("N");
                _idByKey[idempotencyKey] = id;
                _byId[id] = new SandboxPayment(id, payment.Amount, payment.Currency, payment.ReturnUrl,
                    $"{payment.PublicBaseUrl}/sandbox/checkout/{id}");
            }
            created = _byId[id!];
            if (created.Amount != payment.Amount)
                throw new PaymentProviderException("Idempotency key reused with different parameters.", transient: false);
        }
        if (isNew) webhooks.Enqueue(created, "payment.created", final: false);
        if (faults.Fails(faults.CreateErrorRate)) throw new PaymentProviderException("Sandbox: injected error after create.");
        return created.ToProvider();
    }

    public async Task<ProviderPayment> RetrieveAsync(string reference, CancellationToken ct)
    {
        await LatencyAsync(ct);
        if (faults.Fails(faults.RetrieveErrorRate)) throw new PaymentProviderException("Sandbox: injected error on retrieve.");
        lock (_lock)
            return _byId.TryGetValue(reference, out var p) ? p.ToProvider()
                : throw new PaymentProviderException($"Sandbox: no payment {reference}.", transient: false);
    }

    public async Task<ProviderRefund> RefundAsync(string reference, int amount, string idempotencyKey, CancellationToken ct)
    {
        await LatencyAsync(ct);
        ProviderRefund refund;
        lock (_lock)
        {
            if (!_byId.TryGetValue(reference, out var p) || p.Status != PaymentStatus.Succeeded)
                throw new PaymentProviderException($"Sandbox: {reference} has no money to refund.", transient: false);
            if (!p.Refunds.TryGetValue(idempotencyKey, out var existing))
            {
                if (p.Refunded + amount > p.Amount)
                    throw new PaymentProviderException("Sandbox: refund exceeds the payment.", transient: false);
                existing = new ProviderRefund("sre_" + Guid.CreateVersion7().ToString("N"), "succeeded", amount);
                p.Refunds[idempotencyKey] = existing;
                p.Refunded += amount;
            }
            refund = existing;
        }
        if (faults.Fails(faults.RefundErrorRate)) throw new PaymentProviderException("Sandbox: injected error after refund.");
        return refund;
    }

    /// <summary>What the card form submits: decides by the test card number, then notifies Tidegate.</summary>
    public SandboxPayResult? Pay(string paymentId, string cardNumber)
    {
        SandboxPayment payment;
        string? reason;
        lock (_lock)
        {
            if (!_byId.TryGetValue(paymentId, out payment!)) return null;
            if (payment.Status == PaymentStatus.Succeeded) return new SandboxPayResult(PaymentStatus.Succeeded, null, payment.ReturnUrl);
            reason = TestCards.DeclineReason(cardNumber);
            if (reason is null) payment.Status = PaymentStatus.Succeeded;
            payment.FailureCode = reason;
        }
        webhooks.Enqueue(payment, reason is null ? "payment.succeeded" : "payment.failed", final: reason is null);
        return new SandboxPayResult(reason is null ? PaymentStatus.Succeeded : "declined", reason, payment.ReturnUrl);
    }

    public SandboxPayment? Find(string paymentId)
    {
        lock (_lock) return _byId.GetValueOrDefault(paymentId);
    }

    /// <summary>The sandbox's own books (status, amount, refunded), to compare with Tidegate's.</summary>
    public IReadOnlyList<(string Id, string Status, int Amount, int Refunded)> Ledger()
    {
        lock (_lock) return _byId.Values.Select(p => (p.Id, p.Status, p.Amount, p.Refunded)).ToList();
    }

    public WebhookEvent? ReadWebhook(ReadOnlySpan<byte> body, IHeaderDictionary headers, out string? refusal) =>
        WebhookReader.Read(body, headers[SignatureHeader].ToString(), webhooks.Secret, clock.GetUtcNow(),
            TimeSpan.FromSeconds(config.GetValue("Tidegate:Payments:Sandbox:ToleranceSeconds", 300)),
            static root => root.GetProperty("data").GetProperty("paymentId").GetString(), out refusal);

    private Task LatencyAsync(CancellationToken ct) => faults.LatencyMs > 0 ? Task.Delay(faults.LatencyMs, ct) : Task.CompletedTask;
}

public sealed class SandboxPayment(string id, int amount, string currency, string returnUrl, string checkoutUrl)
{
    public string Id { get; } = id;
    public int Amount { get; } = amount;
    public string Currency { get; } = currency;
    public string ReturnUrl { get; } = returnUrl;
    public string CheckoutUrl { get; } = checkoutUrl;
    public string Status { get; set; } = PaymentStatus.Pending;
    public string? FailureCode { get; set; }
    public int Refunded { get; set; }
    public Dictionary<string, ProviderRefund> Refunds { get; } = new();

    public ProviderPayment ToProvider() => new(Id, Status, Amount, Currency, CheckoutUrl, FailureCode);

    public byte[] EventBody(string eventId, string type, long created) => Encoding.UTF8.GetBytes(System.Text.Json.JsonSerializer.Serialize(new
    {
        id = eventId, type, created, data = new { paymentId = Id, status = Status, amount = Amount },
    }));
}

public sealed record SandboxPayResult(string Status, string? Reason, string ReturnUrl);
