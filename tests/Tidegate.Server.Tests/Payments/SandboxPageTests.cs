using static Tidegate.Server.Tests.Payments.PaymentFlow;

namespace Tidegate.Server.Tests.Payments;

public class SandboxPageTests
{
    [Theory, Engines]
    public async Task The_card_form_pays_and_sends_the_visitor_back(string engine)
    {
        using var app = Start(engine);
        var client = NoRedirects(app);
        var (id, key, _) = await BookAsync(client);
        var checkout = await client.Checkout(id, key).ExpectJson(HttpStatusCode.Created);
        var page = await client.GetAsync(new Uri((string)checkout["paymentUrl"]!).PathAndQuery);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("<form method=\"post\"", html);
        Assert.Contains("6,500", html);

        var action = $"/sandbox/payments/{(string)checkout["paymentId"]!}/pay";
        var declined = await client.PostAsync(action, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["cardNumber"] = "4000 0000 0000 0002", ["expiry"] = "12/30", ["cvc"] = "123",
        }));
        Assert.Contains("card_declined", await declined.Content.ReadAsStringAsync());
        var paid = await client.PostAsync(action, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["cardNumber"] = "4242 4242 4242 4242", ["expiry"] = "12/30", ["cvc"] = "123",
        }));
        Assert.Equal(HttpStatusCode.Redirect, paid.StatusCode);
        Assert.StartsWith($"/payments/return/{id}", new Uri(paid.Headers.Location!.ToString()).PathAndQuery);
        await WaitForStatusAsync(client, id, key, "confirmed");
    }

    [Theory, Engines]
    public async Task The_pay_endpoint_validates_the_card_fields(string engine)
    {
        using var app = Start(engine);
        var client = app.CreateClient();
        var (id, key, _) = await BookAsync(client);
        var paymentId = await CheckoutAsync(client, id, key);
        var bad = await client.PostJson($"/sandbox/payments/{paymentId}/pay", new { cardNumber = "42", expiry = "12/30", cvc = "123" })
            .ExpectProblem(HttpStatusCode.BadRequest, "invalid_request");
        Assert.Equal("cardNumber", (string)bad["field"]!);
        await client.PostJson($"/sandbox/payments/{paymentId}/pay", new { cardNumber = Succeeds, expiry = "01/20", cvc = "123" })
            .ExpectProblem(HttpStatusCode.BadRequest, "invalid_request");
        await client.PostJson("/sandbox/payments/nope/pay", new { cardNumber = Succeeds, expiry = "12/30", cvc = "123" })
            .ExpectProblem(HttpStatusCode.NotFound, "not_found");
    }
}
