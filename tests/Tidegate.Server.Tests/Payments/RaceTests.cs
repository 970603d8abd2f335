using Tidegate.Server.Features.Payments;
using static Tidegate.Server.Tests.Payments.PaymentFlow;

namespace Tidegate.Server.Tests.Payments;

public class RaceTests
{
    [Theory, Engines]
    public async Task Payments_racing_cancels_and_expiry_never_leave_money_and_bookings_apart(string engine)
    {
        using var app = Start(engine, null, ("Tidegate:Payments:Sandbox:WebhookDuplicates", "2"), ("Tidegate:Venue:SlotCapacity", "30"));
        var client = app.CreateClient();
        var bookings = new List<(string Id, string Key, string PaymentId)>();
        for (var i = 0; i < 8; i++)
        {
            var (id, key, _) = await BookAsync(client, email: $"guest{i}@example.com", adult: 3, child: 0);
            bookings.Add((id, key, await CheckoutAsync(client, id, key)));
        }

        // Half are cancelled while their card is being charged; the other half pay as their hold lapses.
        await Task.WhenAll(bookings.Select((b, i) => i % 2 == 0
            ? Task.WhenAll(PayAsync(client, b.PaymentId), client.Cancel(b.Id, b.Key))
            : PayAsync(client, b.PaymentId)));
        app.Clock.Advance(TimeSpan.FromMinutes(11));
        var settle = app.Get<SettlePayment>();
        await Task.WhenAll(bookings.Select(b => settle.SettleBookingAsync(b.Id, CancellationToken.None)));
        await app.DrainAsync(); // the duplicate webhooks land too

        foreach (var (b, i) in bookings.Select((b, i) => (b, i)))
        {
            var booking = await client.GetBooking(b.Id, b.Key).Json();
            Assert.Equal(i % 2 == 0 ? "cancelled" : "confirmed", (string)booking["status"]!);
        }
        Assert.Equal(12, await OnlineTakenAsync(app));
        await AssertMoneyConsistentAsync(app);
    }
}
