using System.Text;
using Microsoft.AspNetCore.Http;
using Tidegate.Domain.Payments;
using Tidegate.Server.Features.Payments;
using static Tidegate.Server.Tests.Payments.PaymentFlow;

namespace Tidegate.Server.Tests.Payments;

/// <summary>
/// What every payment provider adapter must do, run against the sandbox and against the
/// Stripe-style adapter talking to <see cref="FakeStripe"/>: the port itself, then checkout to
/// confirmation to refund over HTTP.
/// </summary>
public abstract class PaymentProviderContract
{
    protected sealed record Harness(
        TestApp App, Func<string, int, Task> PayAsync, Func<string, Task<int>> RefundedOf, Func<Task<int>> ProviderPayments, string SignatureHeader,
        string Secret, Func<string, byte[]> EventFor, Action<int> FailNext, IAsyncDisposable? Extra) : IAsyncDisposable
    {
        public IPaymentProvider Provider => App.Get<IPaymentProvider>();

        public async ValueTask DisposeAsync()
        {
            App.Dispose();
            if (Extra is not null) await Extra.DisposeAsync();
        }
    }

    protected abstract Harness Start(string engine, CountingStep? step = null);

    private static NewPayment Payment(int amount = 5200) => new("booking-1", amount, "JPY", "http://127.0.0.1/return", "http://127.0.0.1");

    [Theory, Engines]
    public async Task Create_with_one_key_makes_one_payment_even_when_the_answer_is_lost(string engine)
    {
        await using var h = Start(engine);
        h.FailNext(1);
        await Assert.ThrowsAsync<PaymentProviderException>(() => h.Provider.CreateAsync(Payment(), "key-1", default));
        var first = await h.Provider.CreateAsync(Payment(), "key-1", default);
        var again = await h.Provider.CreateAsync(Payment(), "key-1", default);
        Assert.Equal(first.Reference, again.Reference);
        Assert.Equal(PaymentStatus.Pending, first.Status);
        Assert.Equal(5200, first.Amount);
        Assert.Equal("JPY", first.Currency);
        Assert.False(string.IsNullOrEmpty(first.CheckoutUrl));
        Assert.Equal(1, await h.ProviderPayments());
        Assert.NotEqual(first.Reference, (await h.Provider.CreateAsync(Payment(), "key-2", default)).Reference);
    }

    [Theory, Engines]
    public async Task Retrieve_tells_the_state_and_refund_with_one_key_refunds_once(string engine)
    {
        await using var h = Start(engine);
        var created = await h.Provider.CreateAsync(Payment(), "key-1", default);
        await h.PayAsync(created.Reference, 0);
        Assert.Equal(PaymentStatus.Succeeded, (await h.Provider.RetrieveAsync(created.Reference, default)).Status);

        h.FailNext(1);
        await Assert.ThrowsAsync<PaymentProviderException>(() => h.Provider.RefundAsync(created.Reference, 5200, "refund-1", default));
        var refund = await h.Provider.RefundAsync(created.Reference, 5200, "refund-1", default);
        Assert.Equal(5200, refund.Amount);
        Assert.Equal(5200, await h.RefundedOf(created.Reference));
    }

    [Theory, Engines]
    public async Task Webhooks_with_a_good_signature_are_read_and_bad_or_stale_ones_refused(string engine)
    {
        await using var h = Start(engine);
        var now = h.App.Clock.GetUtcNow();
        var body = h.EventFor("pay_123");
        WebhookEvent? Read(string? signature, out string? refusal)
        {
            var headers = new HeaderDictionary();
            if (signature is not null) headers[h.SignatureHeader] = signature;
            return h.Provider.ReadWebhook(body, headers, out refusal);
        }

        var good = Read(WebhookSignature.Sign(h.Secret, now, body), out _);
        Assert.Equal("pay_123", good?.PaymentReference);
        Assert.Null(Read(null, out var missing));
        Assert.Contains("missing", missing);
        Assert.Null(Read(WebhookSignature.Sign("wrong-secret", now, body), out var bad));
        Assert.Contains("mismatch", bad);
        Assert.Null(Read(WebhookSignature.Sign(h.Secret, now.AddMinutes(-10), body), out var stale));
        Assert.Contains("stale", stale);
        var tampered = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(body).Replace("pay_123", "pay_999"));
        var headers = new HeaderDictionary { [h.SignatureHeader] = WebhookSignature.Sign(h.Secret, now, body) };
        Assert.Null(h.Provider.ReadWebhook(tampered, headers, out _));
    }

    [Theory, Engines]
    public async Task Checkout_payment_duplicate_webhooks_and_cancel_confirm_once_and_refund_once(string engine)
    {
        var step = new CountingStep();
        await using var h = Start(engine, step);
        var client = h.App.CreateClient();
        var (id, key, amount) = await BookAsync(client);
        var paymentId = await CheckoutAsync(client, id, key);
        Assert.Equal(paymentId, await CheckoutAsync(client, id, key));

        await h.PayAsync(paymentId, 3); // three copies of the signed event
        await WaitForStatusAsync(client, id, key, "confirmed");
        Assert.Equal(1, step.Count);

        await client.Cancel(id, key).ExpectJson(HttpStatusCode.OK);
        await client.Cancel(id, key).ExpectJson(HttpStatusCode.OK);
        Assert.Equal(amount, await h.RefundedOf(paymentId));
        Assert.Equal(1, await h.ProviderPayments());
    }

    [Theory, Engines]
    public async Task Provider_errors_at_checkout_answer_503_and_the_retry_charges_once(string engine)
    {
        await using var h = Start(engine);
        var client = h.App.CreateClient();
        var (id, key, _) = await BookAsync(client);
        h.FailNext(3); // the first attempt and both retries: each made the payment, then failed to answer
        await client.Checkout(id, key).ExpectProblem(HttpStatusCode.ServiceUnavailable, "payment_unavailable");
        var paymentId = await CheckoutAsync(client, id, key);
        Assert.Equal(1, await h.ProviderPayments());
        await h.PayAsync(paymentId, 1);
        await WaitForStatusAsync(client, id, key, "confirmed");
        await AssertMoneyConsistentAsync(h.App);
    }
}

public class SandboxContractTests : PaymentProviderContract
{
    protected override Harness Start(string engine, CountingStep? step = null)
    {
        var app = PaymentFlow.Start(engine, step);
        var sandbox = app.Get<Tidegate.Server.Features.Payments.Sandbox.SandboxProvider>();
        var faults = app.Get<Tidegate.Server.Features.Payments.Sandbox.SandboxFaults>();
        var webhooks = app.Get<Tidegate.Server.Features.Payments.Sandbox.SandboxWebhooks>();
        return new Harness(app,
            async (reference, copies) =>
            {
                faults.WebhookDuplicates = Math.Max(0, copies - 1);
                faults.WebhookLossRate = copies == 0 ? 1 : 0;
                await sandbox.PayAsync(reference, Tidegate.Server.Features.Payments.Sandbox.TestCards.Succeeds);
            },
            async reference => (await sandbox.LedgerAsync()).Single(p => p.Id == reference).Refunded,
            async () => (await sandbox.LedgerAsync()).Count,
            Tidegate.Server.Features.Payments.Sandbox.SandboxProvider.SignatureHeader, webhooks.Secret,
            reference => Encoding.UTF8.GetBytes($$$"""{"id":"evt_1","type":"payment.succeeded","data":{"paymentId":"{{{reference}}}"}}"""),
            faults.FailNext,
            null);
    }
}

public class StripeContractTests : PaymentProviderContract
{
    protected override Harness Start(string engine, CountingStep? step = null)
    {
        var fake = new FakeStripe();
        var app = PaymentFlow.Start(engine, step,
            ("Tidegate:Payments:Provider", "stripe"), ("Tidegate:Payments:Stripe:BaseUrl", fake.BaseUrl),
            ("Tidegate:Payments:Stripe:ApiKey", FakeStripe.ApiKey), ("Tidegate:Payments:Stripe:WebhookSecret", FakeStripe.WebhookSecret));
        fake.WebhookTarget = app.CreateClient().BaseAddress + "api/v1/payments/webhooks/stripe";
        fake.Clock = app.Clock;
        return new Harness(app, (reference, copies) => fake.PayAsync(reference, copies), id => Task.FromResult(fake.RefundedOf(id)), () => Task.FromResult(fake.IntentCount),
            "Stripe-Signature", FakeStripe.WebhookSecret,
            reference => Encoding.UTF8.GetBytes($$$$"""{"id":"evt_1","type":"payment_intent.succeeded","data":{"object":{"id":"{{{{reference}}}}"}}}"""),
            fake.FailNext, fake);
    }
}
