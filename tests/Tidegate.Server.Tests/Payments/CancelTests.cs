using Tidegate.Server.Features.Payments.Sandbox;
using static Tidegate.Server.Tests.Payments.PaymentFlow;

namespace Tidegate.Server.Tests.Payments;

public class CancelTests
{
    [Theory, Engines]
    public async Task A_cancel_sent_twice_refunds_once_and_gives_the_places_back(string engine)
    {
        using var app = Start(engine);
        var client = app.CreateClient();
        var (id, key, amount) = await BookAsync(client);
        await PayAsync(client, await CheckoutAsync(client, id, key));
        await WaitForStatusAsync(client, id, key, "confirmed");

        var answers = await Task.WhenAll(client.Cancel(id, key), client.Cancel(id, key));
        foreach (var answer in answers)
        {
            var body = await answer.ExpectJson(HttpStatusCode.OK);
            Assert.Equal("cancelled", (string)body["status"]!);
            Assert.Equal(amount, (int)body["refund"]!["amount"]!);
            Assert.Equal("cancelled", (string)body["refund"]!["reason"]!);
        }
        var third = await client.Cancel(id, key).ExpectJson(HttpStatusCode.OK);
        Assert.Equal("succeeded", (string)third["refund"]!["status"]!);
        Assert.Equal(amount, (await app.Get<SandboxProvider>().LedgerAsync()).Single().Refunded);
        Assert.Equal(0, await OnlineTakenAsync(app));
        await AssertMoneyConsistentAsync(app);
    }

    [Theory, Engines]
    public async Task A_refund_the_provider_fails_is_made_later_by_reconciliation(string engine)
    {
        using var app = Start(engine, null, ("Tidegate:Payments:Reconcile:RefundRetrySeconds", "0"));
        var client = app.CreateClient();
        var (id, key, amount) = await BookAsync(client);
        await PayAsync(client, await CheckoutAsync(client, id, key));
        await WaitForStatusAsync(client, id, key, "confirmed");

        app.Get<SandboxFaults>().RefundErrorRate = 1; // the refund is made, but the answer is lost
        var cancelled = await client.Cancel(id, key).ExpectJson(HttpStatusCode.OK);
        Assert.Equal("pending", (string)cancelled["refund"]!["status"]!);
        app.Get<SandboxFaults>().RefundErrorRate = 0;
        await Task.Delay(600); // let the breaker close
        await app.Get<Tidegate.Server.Features.Payments.PaymentReconciler>().RunOnceAsync();

        Assert.Equal("succeeded", (string)(await client.GetBooking(id, key).Json())["refund"]!["status"]!);
        Assert.Equal(amount, (await app.Get<SandboxProvider>().LedgerAsync()).Single().Refunded); // the retry used the same key
        await AssertMoneyConsistentAsync(app);
    }

    [Theory, Engines]
    public async Task A_held_booking_can_be_let_go_without_a_refund(string engine)
    {
        using var app = Start(engine);
        var client = app.CreateClient();
        var (id, key, _) = await BookAsync(client);
        var body = await client.Cancel(id, key).ExpectJson(HttpStatusCode.OK);
        Assert.Equal("cancelled", (string)body["status"]!);
        Assert.Null(body["refund"]);
        Assert.Equal(0, await OnlineTakenAsync(app));
        await client.Checkout(id, key).ExpectProblem(HttpStatusCode.Conflict, "not_payable");
        await client.Cancel(id, "wrong").ExpectProblem(HttpStatusCode.NotFound, "not_found");
    }

    [Theory, Engines]
    public async Task Cancellation_closes_at_midnight_before_the_visit(string engine)
    {
        using var app = Start(engine);
        var client = app.CreateClient();
        var (id, key, _) = await BookAsync(client);
        await PayAsync(client, await CheckoutAsync(client, id, key));
        await WaitForStatusAsync(client, id, key, "confirmed");

        app.Clock.Set(DateTimeOffset.Parse("2026-12-20T00:00:00+09:00"));
        await client.Cancel(id, key).ExpectProblem(HttpStatusCode.UnprocessableEntity, "cancellation_closed");
        Assert.Equal("confirmed", (string)(await client.GetBooking(id, key).Json())["status"]!);
        await AssertMoneyConsistentAsync(app);
    }
}
