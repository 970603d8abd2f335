using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Tidegate.Server.Infrastructure.Auth;

namespace Tidegate.Server.Tests.ScaleOut;

/// <summary>
/// The shipped nginx configuration (deploy/nginx/tidegate.conf) run by Debian's nginx in front of
/// two Tidegate instances on one PostgreSQL database, as recommended for the scaled-out form.
/// </summary>
public class NginxTests
{
    [NginxFact]
    public async Task Through_the_shipped_nginx_a_whole_journey_crosses_instances_and_a_crowd_is_not_throttled_but_an_abuser_is()
    {
        using var nginx = new Nginx();
        var settings = new Dictionary<string, string?>
        {
            ["Tidegate:PublicUrl"] = nginx.PublicUrl,
            ["Tidegate:Network:TrustedProxies"] = "127.0.0.1",
            ["Tidegate:RateLimits:Enabled"] = "true",
            // Far tighter than the default flood guard, so that 300 visitors through one proxy would
            // trip it unless the instances count the client nginx forwards rather than nginx itself.
            ["Tidegate:RateLimits:PerAddress:Bookings:PerSecond"] = "5",
            ["Tidegate:RateLimits:PerAddress:Bookings:Burst"] = "20",
            ["Tidegate:Venue:SlotCapacity"] = "400",
            ["Tidegate:Payments:Reconcile:IntervalSeconds"] = "3600",
        };
        using var first = new TestApp("postgres", settings);
        using var second = new TestApp(first);
        var instances = new[] { first, second }.Select(a => a.CreateClient().BaseAddress!).ToArray();
        nginx.Start(instances);
        using var visitor = nginx.Client();

        // The journey, one request after another, through the proxy.
        var journeyStart = nginx.LogLines().Length;
        var availability = await visitor.GetAsync("/api/v1/availability?date=2026-12-20");
        Assert.Equal(HttpStatusCode.OK, availability.StatusCode);
        Assert.Equal(HttpVersion.Version20, availability.Version);
        Assert.Contains("max-age=31536000", availability.Headers.GetValues("Strict-Transport-Security").Single());

        var created = await visitor.PostJson("/api/v1/bookings", Api.Guest(start: "11:00", email: "journey@example.com"), "journey-1")
            .ExpectJson(HttpStatusCode.Created);
        var (id, key) = ((string)created["bookingId"]!, (string)created["accessKey"]!);
        Assert.Equal("held", (string?)(await visitor.GetBooking(id, key).ExpectJson(HttpStatusCode.OK))["status"]);

        var checkout = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/bookings/{id}/checkout");
        checkout.Headers.Add("X-Booking-Key", key);
        var payment = await (await visitor.SendAsync(checkout)).ExpectJson(HttpStatusCode.Created);
        var paymentUrl = (string)payment["paymentUrl"]!;
        Assert.StartsWith($"{nginx.PublicUrl}/sandbox/checkout/", paymentUrl);
        var cardPage = await visitor.GetAsync(paymentUrl);
        Assert.True(cardPage.StatusCode == HttpStatusCode.OK, $"the card page, on the other instance than the checkout: {(int)cardPage.StatusCode}");
        var paid = await visitor.PostJson($"/sandbox/payments/{(string)payment["paymentId"]!}/pay",
            new { cardNumber = "4242424242424242", expiry = "12/30", cvc = "123" }).ExpectJson(HttpStatusCode.OK);
        Assert.Equal("succeeded", (string?)paid["status"]);

        var booking = await Eventually(async () => await visitor.GetBooking(id, key).ExpectJson(HttpStatusCode.OK),
            b => (string?)b["status"] == "confirmed");
        var ticketPage = await visitor.GetAsync($"/tickets/{id}?key={Uri.EscapeDataString(key)}");
        Assert.Equal(HttpStatusCode.OK, ticketPage.StatusCode);
        var qr = await visitor.GetAsync((string)booking["ticketImageUrl"]!);
        Assert.Equal("image/png", qr.Content.Headers.ContentType?.MediaType);

        var visitDay = new DateTimeOffset(2026, 12, 20, 10, 55, 0, TimeSpan.FromHours(9));
        first.Clock.Set(visitDay);
        second.Clock.Set(visitDay);
        var scan = new HttpRequestMessage(HttpMethod.Post, "/api/v1/gate/scans")
        {
            Content = JsonContent.Create(new { code = (string)booking["ticketCode"]!, gateId = "east-1", nonce = Guid.NewGuid().ToString("N") }),
        };
        scan.Headers.Authorization = new AuthenticationHeaderValue("Bearer", first.Get<Tokens>().Issue("gate", "east-1", TimeSpan.FromDays(1)));
        var scanned = await (await visitor.SendAsync(scan)).ExpectJson(HttpStatusCode.OK);
        Assert.Equal("admitted", (string?)scanned["result"]);

        // Proof from nginx's own log: no two consecutive requests of the journey went to the same instance.
        var journey = await LinesAsync(nginx, journeyStart, expected: 10);
        var upstreams = journey.Select(l => Regex.Match(l, @"upstream=(\S+)").Groups[1].Value).ToList();
        Assert.Equal(2, upstreams.Distinct().Count());
        for (var i = 1; i < upstreams.Count; i++) Assert.NotEqual(upstreams[i - 1], upstreams[i]);
        Assert.All(journey, l => Assert.DoesNotContain("key=", l)); // access keys never reach the proxy's log

        // 300 visitors, each from its own address, at once: none throttled.
        first.Clock.Set(TestApp.DefaultStart);
        second.Clock.Set(TestApp.DefaultStart);
        var crowd = await Task.WhenAll(Enumerable.Range(0, 300).Select(async i =>
        {
            using var client = nginx.Client(VisitorAddress(i));
            return (await client.PostJson("/api/v1/bookings", Api.Guest(start: "10:30", adult: 1, child: 0, email: $"crowd{i}@example.com"))).StatusCode;
        }));
        Assert.All(crowd, s => Assert.Equal(HttpStatusCode.Created, s));
        int CrowdAddresses() => nginx.LogLines().Where(l => l.StartsWith("127.0.1.", StringComparison.Ordinal) || l.StartsWith("127.0.2.", StringComparison.Ordinal))
            .Select(l => l.Split(' ')[0]).Distinct().Count();
        for (var wait = DateTime.UtcNow.AddSeconds(10); CrowdAddresses() < 300 && DateTime.UtcNow < wait;) await Task.Delay(50);
        Assert.Equal(300, CrowdAddresses()); // nginx saw 300 clients; the instances (one flood-guard burst of 20) must have too

        // One abusive client, one address, a new email each time, all at once: the per-address guard
        // (a burst of 20 on each instance, 5/s after) refuses the rest.
        using var abuser = nginx.Client(IPAddress.Parse("127.0.9.9"));
        var abuse = await Task.WhenAll(Enumerable.Range(0, 150).Select(i =>
            abuser.PostJson("/api/v1/bookings", Api.Guest(start: "12:00", adult: 1, child: 0, email: $"bot{i}@example.com"))));
        var throttled = abuse.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        Assert.True(throttled.Count >= 50, $"only {throttled.Count} of 150 abusive requests were throttled");
        Assert.All(abuse, r => Assert.Contains(r.StatusCode, new[] { HttpStatusCode.Created, HttpStatusCode.TooManyRequests }));
        await throttled[0].ExpectProblem(HttpStatusCode.TooManyRequests, "throttled");
        Assert.True(throttled[0].Headers.Contains("Retry-After"));

        // The rest of the shipped configuration: static files cached and compressed, bodies over 1 MB
        // refused in the contract's words, the dev tools never public.
        var css = new HttpRequestMessage(HttpMethod.Get, "/css/site.css");
        css.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip"));
        Assert.Equal("MISS", (await visitor.SendAsync(css)).Headers.GetValues("X-Cache-Status").Single());
        var again = new HttpRequestMessage(HttpMethod.Get, "/css/site.css");
        again.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip"));
        var cached = await visitor.SendAsync(again);
        Assert.Equal("HIT", cached.Headers.GetValues("X-Cache-Status").Single());
        Assert.Contains("gzip", cached.Content.Headers.ContentEncoding);
        await visitor.PostRaw("/api/v1/bookings", new string(' ', 1_100_000)).ExpectProblem(HttpStatusCode.BadRequest, "invalid_request");
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.PostJson("/api/v1/dev/token", new { role = "admin" })).StatusCode);
    }

    private static IPAddress VisitorAddress(int i) => new([127, 0, (byte)(1 + i / 250), (byte)(1 + i % 250)]);

    private static async Task<JsonNode> Eventually(Func<Task<JsonNode>> read, Func<JsonNode, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var value = await read();
            if (done(value) || DateTime.UtcNow > deadline) return value;
            await Task.Delay(100);
        }
    }

    /// <summary>The log lines after <paramref name="from"/>, once at least <paramref name="expected"/> are there (nginx writes as requests end).</summary>
    private static async Task<string[]> LinesAsync(Nginx nginx, int from, int expected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        string[] lines;
        while ((lines = nginx.LogLines().Skip(from).ToArray()).Length < expected && DateTime.UtcNow < deadline) await Task.Delay(50);
        return lines;
    }
}
