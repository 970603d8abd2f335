using System.Text;
using Tidegate.Domain.Payments;
using Tidegate.Server.Features.Payments.Sandbox;
using static Tidegate.Server.Tests.Payments.PaymentFlow;

namespace Tidegate.Server.Tests.Payments;

public class WebhookTests
{
    [Theory, Engines]
    public async Task Duplicate_and_out_of_order_webhooks_confirm_once(string engine)
    {
        var step = new CountingStep();
        using var app = Start(engine, step,
            ("Tidegate:Payments:Sandbox:WebhookDuplicates", "4"), ("Tidegate:Payments:Sandbox:WebhookOutOfOrder", "true"),
            ("Tidegate:Payments:Sandbox:WebhookDelayMs", "200"));
        var client = app.CreateClient();
        var (id, key, _) = await BookAsync(client);
        var paymentId = await CheckoutAsync(client, id, key);
        await client.PostJson($"/sandbox/payments/{paymentId}/pay", new { cardNumber = Declined, expiry = "12/30", cvc = "123" }).Json();
        await PayAsync(client, paymentId); // succeeded arrives first, then the older "failed" and "created", each five times

        await WaitForStatusAsync(client, id, key, "confirmed");
        await app.DrainAsync(); // every copy, in and out of order, has landed
        Assert.Equal("confirmed", (string)(await client.GetBooking(id, key).Json())["status"]!);
        Assert.Equal(1, step.Count);
        await AssertMoneyConsistentAsync(app);
    }

    [Theory, Engines]
    public async Task A_lost_webhook_is_settled_by_reconciliation(string engine)
    {
        var step = new CountingStep();
        using var app = Start(engine, step, ("Tidegate:Payments:Sandbox:WebhookLossRate", "1"),
            ("Tidegate:Payments:Reconcile:IntervalSeconds", "0.5"), ("Tidegate:Payments:Reconcile:PendingAfterSeconds", "120"));
        var client = app.CreateClient();
        var (id, key, _) = await BookAsync(client);
        await PayAsync(client, await CheckoutAsync(client, id, key));

        await app.DrainAsync();
        await app.Get<Tidegate.Server.Features.Payments.PaymentReconciler>().RunOnceAsync();
        Assert.Equal("held", (string)(await client.GetBooking(id, key).Json())["status"]!); // no signal yet, too young to reconcile
        app.Clock.Advance(TimeSpan.FromMinutes(3));
        await WaitForStatusAsync(client, id, key, "confirmed");
        Assert.Equal(1, step.Count);
        await AssertMoneyConsistentAsync(app);
    }

    [Theory, Engines]
    public async Task A_payment_the_provider_does_not_know_does_not_stop_reconciliation_of_the_others(string engine)
    {
        using var app = Start(engine, null, ("Tidegate:Payments:Sandbox:WebhookLossRate", "1"),
            ("Tidegate:Payments:Reconcile:PendingAfterSeconds", "120"));
        var client = app.CreateClient();
        var (forgottenId, forgottenKey, _) = await BookAsync(client, "forgotten@example.com");
        var forgottenPayment = await CheckoutAsync(client, forgottenId, forgottenKey);
        var (id, key, _) = await BookAsync(client, "kept@example.com");
        await PayAsync(client, await CheckoutAsync(client, id, key));
        await using (var connection = await app.Db.OpenAsync()) // the provider has no record of the first payment
            await Dapper.SqlMapper.ExecuteAsync(connection, "DELETE FROM sandbox_payments WHERE id = @forgottenPayment", new { forgottenPayment });

        app.Clock.Advance(TimeSpan.FromMinutes(3));
        await app.Get<Tidegate.Server.Features.Payments.PaymentReconciler>().RunOnceAsync();

        Assert.Equal("confirmed", (string)(await client.GetBooking(id, key).Json())["status"]!);
        Assert.Equal("held", (string)(await client.GetBooking(forgottenId, forgottenKey).Json())["status"]!);
    }

    [Theory, Engines]
    public async Task Signals_racing_each_other_confirm_once(string engine)
    {
        var step = new CountingStep();
        using var app = Start(engine, step, ("Tidegate:Payments:Sandbox:WebhookDuplicates", "5"));
        var client = NoRedirects(app);
        var (id, key, _) = await BookAsync(client);
        await PayAsync(client, await CheckoutAsync(client, id, key));
        var settle = app.Get<Tidegate.Server.Features.Payments.SettlePayment>();
        var signals = Enumerable.Range(0, 8).Select(_ => (Task)client.GetAsync($"/payments/return/{id}?key={Uri.EscapeDataString(key)}"))
            .Concat(Enumerable.Range(0, 4).Select(_ => settle.SettleBookingAsync(id, CancellationToken.None)));
        await Task.WhenAll(signals);

        await WaitForStatusAsync(client, id, key, "confirmed");
        await app.DrainAsync();
        Assert.Equal(1, step.Count);
        await AssertMoneyConsistentAsync(app);
    }

    [Theory, Engines]
    public async Task The_visitors_return_settles_and_leads_to_the_ticket(string engine)
    {
        using var app = Start(engine, null, ("Tidegate:Payments:Sandbox:WebhookLossRate", "1"));
        var client = NoRedirects(app);
        var (id, key, _) = await BookAsync(client);
        await PayAsync(client, await CheckoutAsync(client, id, key));

        var back = await client.GetAsync($"/payments/return/{id}?key={Uri.EscapeDataString(key)}");
        Assert.Equal(HttpStatusCode.Redirect, back.StatusCode);
        Assert.Equal($"/tickets/{id}?key={Uri.EscapeDataString(key)}", back.Headers.Location!.ToString());
        Assert.Equal("confirmed", (string)(await client.GetBooking(id, key).Json())["status"]!);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/payments/return/{id}?key=wrong")).StatusCode);
    }

    [Theory, Engines]
    public async Task Unsigned_badly_signed_and_stale_webhooks_are_refused(string engine)
    {
        using var app = Start(engine);
        var client = app.CreateClient();
        var (id, key, _) = await BookAsync(client);
        var paymentId = await CheckoutAsync(client, id, key);
        var secret = app.Get<SandboxWebhooks>().Secret;
        var body = Encoding.UTF8.GetBytes("{\"id\":\"evt_forged\",\"type\":\"payment.succeeded\",\"data\":{\"paymentId\":\"" + paymentId + "\"}}");

        async Task<HttpResponseMessage> Post(string? signature)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/payments/webhooks/sandbox") { Content = new ByteArrayContent(body) };
            if (signature is not null) request.Headers.Add("Sandbox-Signature", signature);
            return await client.SendAsync(request);
        }

        await Post(null).ExpectProblem(HttpStatusCode.BadRequest, "invalid_request");
        await Post(WebhookSignature.Sign("not-the-secret", app.Clock.GetUtcNow(), body)).ExpectProblem(HttpStatusCode.BadRequest, "invalid_request");
        await Post(WebhookSignature.Sign(secret, app.Clock.GetUtcNow().AddMinutes(-6), body)).ExpectProblem(HttpStatusCode.BadRequest, "invalid_request");
        // A validly signed event whose payment is not paid changes nothing: the provider is asked, not believed.
        await Post(WebhookSignature.Sign(secret, app.Clock.GetUtcNow(), body)).ExpectJson(HttpStatusCode.OK);
        Assert.Equal("held", (string)(await client.GetBooking(id, key).Json())["status"]!);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostRaw("/api/v1/payments/webhooks/stripe", "{}")).StatusCode);
    }
}
