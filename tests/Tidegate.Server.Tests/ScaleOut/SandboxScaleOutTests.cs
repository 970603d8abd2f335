using System.Net;
using Tidegate.Server.Features.Payments.Sandbox;
using static Tidegate.Server.Tests.Payments.PaymentFlow;

namespace Tidegate.Server.Tests.ScaleOut;

/// <summary>The sandbox card provider keeps its books in the database, as a real provider would keep them off our instances.</summary>
public class SandboxScaleOutTests
{
    [PostgresFact]
    public async Task Checkout_card_page_payment_and_webhook_each_land_on_another_instance()
    {
        using var first = Start("postgres"); // reconciliation is an hour away: only the webhook can confirm
        var webhook = first.CreateClient().BaseAddress + "api/v1/payments/webhooks/sandbox";
        using var second = new TestApp(first, new Dictionary<string, string?> { ["Tidegate:Payments:Sandbox:WebhookUrl"] = webhook });
        var (a, b) = (first.CreateClient(), second.CreateClient());

        var (id, key, amount) = await BookAsync(a);
        var paymentId = await CheckoutAsync(a, id, key);
        var page = await b.GetAsync($"/sandbox/checkout/{paymentId}");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains($"{amount:N0}円", WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync())); // the page speaks Japanese unless asked otherwise
        Assert.Equal("succeeded", await PayAsync(b, paymentId)); // its webhook goes to the first instance

        Assert.Equal("confirmed", (string)(await WaitForStatusAsync(b, id, key, "confirmed"))["status"]!);
        await AssertMoneyConsistentAsync(first);
    }

    [PostgresFact]
    public async Task A_restarted_instance_forgets_no_sandbox_payment()
    {
        using var owner = Start("postgres"); // keeps the database; the instances below come and go
        string id, key, paymentId;
        using (var before = new TestApp(owner))
        {
            var client = before.CreateClient();
            (id, key, _) = await BookAsync(client);
            paymentId = await CheckoutAsync(client, id, key);
        }

        using var after = new TestApp(owner);
        var restarted = after.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await restarted.GetAsync($"/sandbox/checkout/{paymentId}")).StatusCode);
        Assert.Equal("succeeded", await PayAsync(restarted, paymentId));
        await WaitForStatusAsync(restarted, id, key, "confirmed");
        Assert.Single(await after.Get<SandboxProvider>().LedgerAsync(), p => p.Id == paymentId && p.Status == "succeeded");
        await AssertMoneyConsistentAsync(after);
    }
}
