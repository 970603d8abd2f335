using Tidegate.Server.Features.Booking;
using static Tidegate.Server.Tests.Payments.PaymentFlow;

namespace Tidegate.Server.Tests.Payments;

public class LatePaymentTests
{
    [Theory, Engines]
    public async Task A_late_payment_with_places_left_confirms(string engine)
    {
        var step = new CountingStep();
        using var app = Start(engine, step, ("Tidegate:Holds:SweepSeconds", "3600"));
        var client = app.CreateClient();
        var (id, key, _) = await BookAsync(client);
        var paymentId = await CheckoutAsync(client, id, key);

        app.Clock.Advance(TimeSpan.FromMinutes(11));
        await app.Get<HoldStore>().SweepAsync(100); // the hold is expired and its places are back on sale
        Assert.Equal(0, await OnlineTakenAsync(app));

        await PayAsync(client, paymentId);
        var booking = await WaitForStatusAsync(client, id, key, "confirmed");
        Assert.Equal("confirmed", (string)booking["status"]!);
        Assert.Equal(3, await OnlineTakenAsync(app)); // claimed again with the conditional update
        Assert.Equal(1, step.Count);
        await AssertMoneyConsistentAsync(app);
    }

    [Theory, Engines]
    public async Task A_late_payment_on_a_lapsed_but_unswept_hold_confirms(string engine)
    {
        using var app = Start(engine, null, ("Tidegate:Holds:SweepSeconds", "3600"));
        var client = app.CreateClient();
        var (id, key, _) = await BookAsync(client);
        var paymentId = await CheckoutAsync(client, id, key);
        app.Clock.Advance(TimeSpan.FromMinutes(11));

        await PayAsync(client, paymentId);
        await WaitForStatusAsync(client, id, key, "confirmed");
        Assert.Equal(3, await OnlineTakenAsync(app));
        await AssertMoneyConsistentAsync(app);
    }

    [Theory, Engines]
    public async Task A_late_payment_without_places_is_refunded_and_the_visitor_told_why(string engine)
    {
        var step = new CountingStep();
        using var app = Start(engine, step, ("Tidegate:Venue:SlotCapacity", "10"), ("Tidegate:Holds:SweepSeconds", "3600"));
        var client = app.CreateClient();
        var (id, key, amount) = await BookAsync(client, adult: 8, child: 0);
        var paymentId = await CheckoutAsync(client, id, key);
        app.Clock.Advance(TimeSpan.FromMinutes(11));
        await BookAsync(client, email: "taro@example.com", adult: 5, child: 0); // takes the lapsed places

        await PayAsync(client, paymentId);
        var booking = await WaitForAsync(client, id, key, b => (string?)b["refund"]?["status"] == "succeeded");
        Assert.Equal("expired", (string)booking["status"]!);
        Assert.Equal(amount, (int)booking["refund"]!["amount"]!);
        Assert.Equal("late_payment_no_places", (string)booking["refund"]!["reason"]!);
        Assert.Contains("places were taken", (string)booking["refund"]!["detail"]!);
        Assert.Equal(5, await OnlineTakenAsync(app));
        Assert.Equal(0, step.Count);
        await AssertMoneyConsistentAsync(app);
    }

    [Theory, Engines]
    public async Task A_payment_after_cancelling_the_hold_is_refunded(string engine)
    {
        using var app = Start(engine);
        var client = app.CreateClient();
        var (id, key, amount) = await BookAsync(client);
        var paymentId = await CheckoutAsync(client, id, key);
        await client.Cancel(id, key).ExpectJson(HttpStatusCode.OK);

        await PayAsync(client, paymentId);
        var booking = await WaitForAsync(client, id, key, b => (string?)b["refund"]?["status"] == "succeeded");
        Assert.Equal("cancelled", (string)booking["status"]!);
        Assert.Equal(amount, (int)booking["refund"]!["amount"]!);
        Assert.Equal("paid_after_cancellation", (string)booking["refund"]!["reason"]!);
        await AssertMoneyConsistentAsync(app);
    }
}
