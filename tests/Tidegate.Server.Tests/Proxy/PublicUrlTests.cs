using System.Text.Json.Nodes;
using static Tidegate.Server.Tests.Payments.PaymentFlow;

namespace Tidegate.Server.Tests.Proxy;

/// <summary>Links and return addresses come from Tidegate:PublicUrl; https brings HSTS and Secure cookies.</summary>
public class PublicUrlTests
{
    private const string Public = "https://tickets.sameshine.example";

    [Theory, Engines]
    public async Task A_hostile_host_header_never_reaches_the_email_link_or_the_payment_return_url(string engine)
    {
        using var smtp = new SmtpServer();
        using var app = new TestApp(engine, new Dictionary<string, string?>
        {
            ["Tidegate:PublicUrl"] = Public + "/", ["Tidegate:Mail:Host"] = "127.0.0.1", ["Tidegate:Mail:Port"] = smtp.Port.ToString(),
            ["Tidegate:Mail:From"] = "tickets@sameshine.example", ["Tidegate:Mail:PollSeconds"] = "0.2",
        });
        var client = NoRedirects(app);
        var (id, key, _) = await BookAsync(client);
        var checkout = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/bookings/{id}/checkout");
        checkout.Headers.Add("X-Booking-Key", key);
        checkout.Headers.Host = "evil.example";
        var payment = await (await client.SendAsync(checkout)).ExpectJson(HttpStatusCode.Created);
        Assert.StartsWith($"{Public}/sandbox/checkout/", (string)payment["paymentUrl"]!);

        var pay = new HttpRequestMessage(HttpMethod.Post, $"/sandbox/payments/{(string)payment["paymentId"]!}/pay")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["cardNumber"] = Succeeds, ["expiry"] = "12/30", ["cvc"] = "123" }),
        };
        pay.Headers.Host = "evil.example";
        var paid = await client.SendAsync(pay);
        Assert.Equal(HttpStatusCode.Redirect, paid.StatusCode);
        Assert.StartsWith($"{Public}/payments/return/{id}?key=", paid.Headers.Location!.ToString());

        var message = Assert.Single(await smtp.WaitForAsync(1, TimeSpan.FromSeconds(20)));
        var text = message["parts"]!.AsArray().Select(p => (string?)p!["text"] ?? "").Aggregate((a, b) => a + b);
        Assert.Contains($"{Public}/tickets/{id}?key={Uri.EscapeDataString(key)}", text);
        Assert.DoesNotContain("evil.example", text);
    }

    [Fact]
    public async Task Without_a_public_url_links_point_at_the_address_the_server_listens_on()
    {
        using var app = new TestApp("sqlite");
        var client = app.CreateClient();
        var (id, key, _) = await BookAsync(client);
        var payment = await client.Checkout(id, key).ExpectJson(HttpStatusCode.Created);
        Assert.StartsWith($"{client.BaseAddress!.GetLeftPart(UriPartial.Authority)}/sandbox/checkout/", (string)payment["paymentUrl"]!);
    }

    [Fact]
    public async Task An_https_public_url_brings_hsts_and_secure_cookies_behind_a_trusted_proxy()
    {
        using var app = new TestApp("sqlite", new Dictionary<string, string?>
        {
            ["Tidegate:PublicUrl"] = Public, ["Tidegate:Network:TrustedProxies"] = "127.0.0.1, ::1",
        });
        var response = await SendAsProxiedAsync(app, "/language/en?returnUrl=/", "https");
        Assert.Contains("max-age=31536000", response.Headers.GetValues("Strict-Transport-Security").Single());
        Assert.Contains("secure", response.Headers.GetValues("Set-Cookie").Single(), StringComparison.OrdinalIgnoreCase);
        // The booking form's anti-forgery cookie too.
        var form = await SendAsProxiedAsync(app, "/book/2026-12-20/10:30", "https");
        var csrf = Assert.Single(form.Headers.GetValues("Set-Cookie"), c => c.StartsWith("tg-csrf=", StringComparison.Ordinal));
        Assert.Contains("secure", csrf, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task An_http_public_url_the_demo_gets_neither_hsts_nor_secure_cookies()
    {
        using var app = new TestApp("sqlite", new Dictionary<string, string?>
        {
            ["Tidegate:PublicUrl"] = "http://localhost:5080", ["Tidegate:Network:TrustedProxies"] = "127.0.0.1, ::1",
        });
        var response = await SendAsProxiedAsync(app, "/language/en?returnUrl=/", "http");
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
        Assert.DoesNotContain("secure", response.Headers.GetValues("Set-Cookie").Single(), StringComparison.OrdinalIgnoreCase);
        var form = await SendAsProxiedAsync(app, "/book/2026-12-20/10:30", "http");
        Assert.DoesNotContain("secure", form.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("tg-csrf=", StringComparison.Ordinal)),
            StringComparison.OrdinalIgnoreCase);
    }

    private static Task<HttpResponseMessage> SendAsProxiedAsync(TestApp app, string path, string proto)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Host = "tickets.sameshine.example";
        request.Headers.Add("X-Forwarded-Proto", proto);
        request.Headers.Add("X-Forwarded-For", "203.0.113.7");
        return NoRedirects(app).SendAsync(request);
    }
}
