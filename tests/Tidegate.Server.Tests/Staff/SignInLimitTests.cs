namespace Tidegate.Server.Tests.Staff;

/// <summary>
/// Besides each account's lockout, sign-in attempts are limited per client address: one address
/// trying a password on many accounts (each below its lockout) is throttled. Behind a trusted proxy
/// the address is the forwarded client's; from anyone else a forwarded header changes nothing.
/// </summary>
public class SignInLimitTests
{
    private static Dictionary<string, string?> Limited(bool trustLoopback) => new()
    {
        ["Tidegate:RateLimits:Enabled"] = "true",
        ["Tidegate:RateLimits:SignIn:Burst"] = "3",
        ["Tidegate:RateLimits:SignIn:PerMinute"] = "1",
        ["Tidegate:Network:TrustedProxies"] = trustLoopback ? "127.0.0.1, ::1" : null,
    };

    private static Task<HttpResponseMessage> TryFrom(TestApp app, string forwardedFor, string email)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/staff/session")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { email, password = "guessing-" + Guid.NewGuid().ToString("N") }),
        };
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        return app.CreateClient().SendAsync(request);
    }

    [Theory, Engines]
    public async Task One_address_trying_many_accounts_is_throttled_and_another_address_is_not(string engine)
    {
        using var app = new TestApp(engine, Limited(trustLoopback: true));
        await app.CreateStaffAsync("kai@example.com", "analyst");

        // Three accounts, one try each: no account is near its lockout, but the address has used its burst.
        foreach (var email in new[] { "kai@example.com", "mio@example.com", "ren@example.com" })
            await TryFrom(app, "203.0.113.7", email).ExpectProblem(HttpStatusCode.Unauthorized, "invalid_credentials");
        var throttled = await TryFrom(app, "203.0.113.7", "yui@example.com");
        await throttled.ExpectProblem(HttpStatusCode.TooManyRequests, "throttled");
        Assert.InRange(throttled.Headers.RetryAfter?.Delta ?? TimeSpan.Zero, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));

        // Another client behind the same proxy is not throttled, and the right password still works from there.
        await TryFrom(app, "198.51.100.20", "yui@example.com").ExpectProblem(HttpStatusCode.Unauthorized, "invalid_credentials");
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/staff/session")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { email = "kai@example.com", password = StaffClient.Password }),
        };
        request.Headers.Add("X-Forwarded-For", "198.51.100.20");
        await (await app.CreateClient().SendAsync(request)).ExpectJson(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_forwarded_header_from_an_untrusted_address_does_not_escape_the_limit()
    {
        using var app = new TestApp("sqlite", Limited(trustLoopback: false));
        for (var i = 0; i < 3; i++)
            await TryFrom(app, $"203.0.113.{i + 1}", $"guess{i}@example.com").ExpectProblem(HttpStatusCode.Unauthorized, "invalid_credentials");
        await TryFrom(app, "203.0.113.99", "guess9@example.com").ExpectProblem(HttpStatusCode.TooManyRequests, "throttled");
    }
}
