using Tidegate.Server.Infrastructure;

namespace Tidegate.Server.Tests.Proxy;

/// <summary>
/// Limits that a crowd behind one address (carrier NAT, a reverse proxy) does not trip, while one
/// abusive visitor does; forwarded client addresses believed only from the trusted proxies.
/// </summary>
public class ClientLimitTests
{
    private static Dictionary<string, string?> Limits(params (string Key, string Value)[] more)
    {
        var settings = new Dictionary<string, string?> { ["Tidegate:RateLimits:Enabled"] = "true" };
        foreach (var (key, value) in more) settings[key] = value;
        return settings;
    }

    [Theory, Engines]
    public async Task Two_hundred_visitors_through_one_address_are_not_throttled_but_one_hammering_visitor_is(string engine)
    {
        using var app = new TestApp(engine, Limits());
        var client = app.CreateClient();
        var crowd = await Task.WhenAll(Enumerable.Range(0, 200).Select(i =>
            client.PostJson("/api/v1/bookings", Api.Guest(adult: 1, child: 0, email: $"crowd{i}@example.com"))));
        Assert.All(crowd, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));

        var hammering = new List<HttpResponseMessage>();
        for (var i = 0; i < 25; i++)
            hammering.Add(await client.PostJson("/api/v1/bookings", Api.Guest(start: "11:00", adult: 1, child: 0, email: "greedy@example.com")));
        var throttled = hammering.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        Assert.InRange(throttled.Count, 10, 15); // a burst of 10 (and a token a second) passes, the rest is refused
        await throttled[0].ExpectProblem(HttpStatusCode.TooManyRequests, "throttled");
        Assert.True(int.Parse(throttled[0].Headers.GetValues("Retry-After").Single()) >= 1);
        // The email is the visitor, whatever its case or spacing: the same person, the same bucket.
        await client.PostJson("/api/v1/bookings", Api.Guest(start: "11:00", adult: 1, child: 0, email: " GREEDY@example.com"))
            .ExpectProblem(HttpStatusCode.TooManyRequests, "throttled");
        // …while everyone else behind the same address goes on booking.
        await client.PostJson("/api/v1/bookings", Api.Guest(start: "11:00", adult: 1, child: 0, email: "patient@example.com"))
            .ExpectJson(HttpStatusCode.Created);
    }

    [Fact]
    public async Task A_spoofed_forwarded_address_from_an_untrusted_peer_is_ignored()
    {
        using var app = new TestApp("sqlite", Limits(("Tidegate:Network:TrustedProxies", "10.20.30.40"),
            ("Tidegate:RateLimits:PerAddress:Bookings:PerSecond", "1"), ("Tidegate:RateLimits:PerAddress:Bookings:Burst", "3")));
        var answers = await BookFromAsync(app, Enumerable.Range(1, 8).Select(i => $"203.0.113.{i}"));
        // Every request counted against the real peer (this test's loopback address), whatever it claimed.
        Assert.Equal(5, answers.Count(s => s == HttpStatusCode.TooManyRequests));
    }

    [Fact]
    public async Task From_a_trusted_proxy_the_forwarded_address_counts_and_ipv6_clients_are_grouped_by_their_64_prefix()
    {
        using var app = new TestApp("sqlite", Limits(("Tidegate:Network:TrustedProxies:0", "127.0.0.0/8"), ("Tidegate:Network:TrustedProxies:1", "::1"),
            ("Tidegate:RateLimits:PerAddress:Bookings:PerSecond", "1"), ("Tidegate:RateLimits:PerAddress:Bookings:Burst", "3")));
        // Distinct IPv4 clients behind the proxy: each its own bucket.
        Assert.All(await BookFromAsync(app, Enumerable.Range(1, 8).Select(i => $"203.0.113.{i}")), s => Assert.Equal(HttpStatusCode.Created, s));
        // Distinct IPv6 /64s: each its own bucket; one /64 cycling through its addresses: one bucket.
        Assert.All(await BookFromAsync(app, Enumerable.Range(1, 6).Select(i => $"2001:db8:{i}:1::5")), s => Assert.Equal(HttpStatusCode.Created, s));
        var sameNetwork = await BookFromAsync(app, Enumerable.Range(1, 8).Select(i => $"2001:db8:77:1:{i}::{i}"));
        Assert.Equal(5, sameNetwork.Count(s => s == HttpStatusCode.TooManyRequests));
        // A client's own claim before the proxy's entry is not believed: the proxy appended the real peer.
        var chained = await BookFromAsync(app, Enumerable.Range(1, 8).Select(i => $"198.51.100.{i}, 192.0.2.200"));
        Assert.Equal(5, chained.Count(s => s == HttpStatusCode.TooManyRequests));
    }

    [Fact]
    public async Task The_booking_page_is_under_the_same_flood_guard_as_the_api()
    {
        using var app = new TestApp("sqlite", Limits(("Tidegate:RateLimits:PerAddress:Bookings:PerSecond", "1"),
            ("Tidegate:RateLimits:PerAddress:Bookings:Burst", "2")));
        var client = app.CreateClient();
        var answers = new List<HttpStatusCode> { (await client.GetAsync("/book/2026-12-20/10:30")).StatusCode };
        // The rest at once: sent one by one, a slow machine rendered each page in about a second and the bucket refilled between them.
        answers.AddRange((await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => client.GetAsync("/book/2026-12-20/10:30")))).Select(r => r.StatusCode));
        Assert.Equal(HttpStatusCode.OK, answers[0]);
        Assert.Contains(HttpStatusCode.TooManyRequests, answers);
    }

    [Theory]
    [InlineData("203.0.113.9", "203.0.113.9")]
    [InlineData("::ffff:203.0.113.9", "203.0.113.9")]
    [InlineData("2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2::ffff", "2001:db8:1:2::/64")]
    public void Addresses_are_grouped_as_the_flood_guard_counts_them(string address, string group) =>
        Assert.Equal(group, ClientAddress.GroupOf(System.Net.IPAddress.Parse(address)));

    /// <summary>One booking per claimed client address (distinct visitors), sent one after another.</summary>
    private static async Task<List<HttpStatusCode>> BookFromAsync(TestApp app, IEnumerable<string> forwardedFor)
    {
        var client = app.CreateClient();
        var answers = new List<HttpStatusCode>();
        foreach (var address in forwardedFor)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/bookings")
            {
                Content = System.Net.Http.Json.JsonContent.Create(Api.Guest(adult: 1, child: 0, email: $"v{Guid.NewGuid():N}@example.com")),
            };
            request.Headers.Add("X-Forwarded-For", address);
            answers.Add((await client.SendAsync(request)).StatusCode);
        }
        return answers;
    }
}
