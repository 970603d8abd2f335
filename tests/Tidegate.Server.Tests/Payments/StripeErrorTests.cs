using System.Net;
using System.Net.Sockets;
using Tidegate.Server.Features.Payments;

namespace Tidegate.Server.Tests.Payments;

/// <summary>
/// How the SDK's errors reach the gateway: what retrying can fix is transient, a refusal is not
/// (the reconciler gives up on a payment the provider says does not exist, and must not retry it).
/// </summary>
public class StripeErrorTests
{
    private static TestApp Start(string baseUrl) => PaymentFlow.Start("sqlite", null,
        ("Tidegate:Payments:Provider", "stripe"), ("Tidegate:Payments:Stripe:BaseUrl", baseUrl),
        ("Tidegate:Payments:Stripe:ApiKey", FakeStripe.ApiKey), ("Tidegate:Payments:Stripe:WebhookSecret", FakeStripe.WebhookSecret));

    private static NewPayment Payment => new("booking-1", 5200, "JPY", "http://127.0.0.1/return", "http://127.0.0.1");

    [Fact]
    public async Task No_such_payment_is_a_refusal_the_gateway_does_not_retry()
    {
        await using var fake = new FakeStripe();
        using var app = Start(fake.BaseUrl);
        var before = fake.Calls;
        var e = await Assert.ThrowsAsync<PaymentProviderException>(() => app.Get<PaymentGateway>().RetrieveAsync("pi_missing", default));
        Assert.False(e.Transient);
        Assert.Equal(before + 1, fake.Calls);
    }

    [Fact]
    public async Task A_refund_beyond_what_was_paid_is_a_refusal()
    {
        await using var fake = new FakeStripe();
        using var app = Start(fake.BaseUrl);
        var created = await app.Get<IPaymentProvider>().CreateAsync(Payment, "key-1", default);
        var e = await Assert.ThrowsAsync<PaymentProviderException>(() => app.Get<IPaymentProvider>().RefundAsync(created.Reference, 5200, "refund-1", default));
        Assert.False(e.Transient); // nothing was paid yet
    }

    [Fact]
    public async Task A_server_error_and_no_answer_at_all_are_transient()
    {
        await using var fake = new FakeStripe();
        using (var app = Start(fake.BaseUrl))
        {
            var created = await app.Get<IPaymentProvider>().CreateAsync(Payment, "key-1", default);
            fake.FailNext(1);
            var e = await Assert.ThrowsAsync<PaymentProviderException>(() => app.Get<IPaymentProvider>().RetrieveAsync(created.Reference, default));
            Assert.True(e.Transient);
        }

        var closed = new TcpListener(IPAddress.Loopback, 0);
        closed.Start();
        var port = ((IPEndPoint)closed.LocalEndpoint).Port;
        closed.Stop(); // nothing listens there now: connection refused
        using var unreachable = Start($"http://127.0.0.1:{port}");
        var refused = await Assert.ThrowsAsync<PaymentProviderException>(() => unreachable.Get<IPaymentProvider>().RetrieveAsync("pi_1", default));
        Assert.True(refused.Transient);
    }
}
