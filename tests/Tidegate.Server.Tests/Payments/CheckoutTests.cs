using Tidegate.Server.Features.Payments.Sandbox;
using static Tidegate.Server.Tests.Payments.PaymentFlow;

namespace Tidegate.Server.Tests.Payments;

public class CheckoutTests
{
    [Theory, Engines]
    public async Task A_paid_booking_is_confirmed_once_and_shows_the_payment(string engine)
    {
        var step = new CountingStep();
        using var app = Start(engine, step);
        var client = app.CreateClient();
        var (id, key, amount) = await BookAsync(client);

        var checkout = await client.Checkout(id, key).ExpectJson(HttpStatusCode.Created);
        var paymentId = (string)checkout["paymentId"]!;
        Assert.EndsWith($"/sandbox/checkout/{paymentId}", (string)checkout["paymentUrl"]!);
        var again = await client.Checkout(id, key).ExpectJson(HttpStatusCode.Created);
        Assert.Equal(paymentId, (string)again["paymentId"]!); // the key derived from the booking: one payment

        Assert.Equal("succeeded", await PayAsync(client, paymentId));
        var booking = await WaitForStatusAsync(client, id, key, "confirmed");
        Assert.Equal("confirmed", (string)booking["status"]!);
        Assert.Equal(amount, (int)booking["payment"]!["paid"]!);
        Assert.Null(booking["refund"]);
        Assert.Equal(1, step.Count);
        Assert.Equal(paymentId, (string)(await client.Checkout(id, key).ExpectJson(HttpStatusCode.Created))["paymentId"]!);
        await AssertMoneyConsistentAsync(app);
    }

    [Theory, Engines]
    public async Task Checkout_needs_the_booking_key(string engine)
    {
        using var app = Start(engine);
        var client = app.CreateClient();
        var (id, _, _) = await BookAsync(client);
        await client.Checkout(id, null).ExpectProblem(HttpStatusCode.NotFound, "not_found");
        await client.Checkout(id, "wrong").ExpectProblem(HttpStatusCode.NotFound, "not_found");
        await client.Checkout(Guid.NewGuid().ToString(), "x").ExpectProblem(HttpStatusCode.NotFound, "not_found");
    }

    [Theory, Engines]
    public async Task A_declined_card_leaves_the_booking_held_until_it_expires(string engine)
    {
        var step = new CountingStep();
        using var app = Start(engine, step, ("Tidegate:Holds:SweepSeconds", "3600"));
        var client = app.CreateClient();
        var (id, key, _) = await BookAsync(client);
        var paymentId = await CheckoutAsync(client, id, key);

        var declined = await client.PostJson($"/sandbox/payments/{paymentId}/pay", new { cardNumber = Declined, expiry = "12/30", cvc = "123" })
            .ExpectJson(HttpStatusCode.OK);
        Assert.Equal("declined", (string)declined["status"]!);
        Assert.Equal("card_declined", (string)declined["reason"]!);
        var poor = await client.PostJson($"/sandbox/payments/{paymentId}/pay", new { cardNumber = InsufficientFunds, expiry = "12/30", cvc = "123" })
            .Json();
        Assert.Equal("insufficient_funds", (string)poor["reason"]!);
        await app.DrainAsync(); // the failure webhooks arrive and change nothing

        Assert.Equal("held", (string)(await client.GetBooking(id, key).Json())["status"]!);
        app.Clock.Advance(TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(1));
        Assert.Equal("expired", (string)(await client.GetBooking(id, key).Json())["status"]!);
        await client.Checkout(id, key).ExpectProblem(HttpStatusCode.Conflict, "hold_expired");
        Assert.Equal(0, step.Count);
        await AssertMoneyConsistentAsync(app);
    }

    [Theory, Engines]
    public async Task A_provider_error_during_create_then_a_retry_charges_once(string engine)
    {
        using var app = Start(engine);
        var client = app.CreateClient();
        var faults = app.Get<SandboxFaults>();
        var (id, key, amount) = await BookAsync(client);

        faults.CreateErrorRate = 1; // the provider makes the payment, then answers with an error
        await client.Checkout(id, key).ExpectProblem(HttpStatusCode.ServiceUnavailable, "payment_unavailable");
        // Booking and availability keep working while the provider is down.
        await client.GetAsync("/api/v1/availability?date=2026-12-20").ExpectJson(HttpStatusCode.OK);
        await BookAsync(client, email: "taro@example.com");

        faults.CreateErrorRate = 0;
        var paymentId = await RetryCheckoutAsync(client, id, key);
        Assert.Single(await app.Get<SandboxProvider>().LedgerAsync(), p => p.Amount == amount); // retries used the same key
        await PayAsync(client, paymentId);
        await WaitForStatusAsync(client, id, key, "confirmed");
        await AssertMoneyConsistentAsync(app);
    }

    [Theory, Engines]
    public async Task While_the_breaker_is_open_checkout_answers_503_without_calling_the_provider(string engine)
    {
        using var app = Start(engine, null, ("Tidegate:Payments:Resilience:BreakMs", "60000"), ("Tidegate:Payments:Resilience:BreakerMinimumCalls", "3"));
        var client = app.CreateClient();
        var faults = app.Get<SandboxFaults>();
        faults.CreateErrorRate = 1;
        var (id, key, _) = await BookAsync(client);
        await client.Checkout(id, key).ExpectProblem(HttpStatusCode.ServiceUnavailable, "payment_unavailable");
        var before = (await app.Get<SandboxProvider>().LedgerAsync()).Count;
        var (other, otherKey, _) = await BookAsync(client, email: "taro@example.com");
        await client.Checkout(other, otherKey).ExpectProblem(HttpStatusCode.ServiceUnavailable, "payment_unavailable");
        Assert.Equal(before, (await app.Get<SandboxProvider>().LedgerAsync()).Count); // the open circuit never reached the provider
    }

    private static async Task<string> RetryCheckoutAsync(HttpClient client, string id, string key)
    {
        for (var attempt = 0; ; attempt++)
        {
            var response = await client.Checkout(id, key);
            if (response.StatusCode == HttpStatusCode.Created || attempt == 40)
                return (string)(await response.ExpectJson(HttpStatusCode.Created))["paymentId"]!;
            await Task.Delay(100); // the circuit breaker lets a trial call through after its break
        }
    }
}
