using System.Text.RegularExpressions;

namespace Tidegate.Server.Tests.Staff;

/// <summary>
/// The console's setup pages: a setup session is sent to them from sign-in and from every other
/// console page, changes its password, enrols with the QR (or the key as text), sees its recovery
/// codes once, and then has the console; the demo box shows only where the demo exists.
/// </summary>
public partial class SetupPagesTests
{
    private const string OneTime = "one-time-password-xyz";
    private const string Chosen = "my-own-password-2026";

    [Theory, Engines]
    public async Task A_new_admin_changes_the_one_time_password_enrols_and_then_has_the_console(string engine)
    {
        using var app = new TestApp(engine);
        await app.CreateWithOneTimePasswordAsync("kai@example.com", "admin", OneTime);
        var console = ConsoleClient.Anonymous(app);

        var signedIn = await console.PostFormAsync("/console/sign-in?returnUrl=%2Fconsole%2Faudit", new { Email = "kai@example.com", Password = OneTime, Otp = "" });
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal("/console/password", signedIn.Headers.Location!.OriginalString);
        var sent = await console.Http.GetAsync("/console");
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        Assert.Equal("/console/password", sent.Headers.Location!.OriginalString);
        // The API refuses the setup session's cookie as it refuses its token (the API takes no cookie at all).
        Assert.Equal(HttpStatusCode.Unauthorized, (await console.Http.GetAsync("/api/v1/admin/audit")).StatusCode);
        Assert.Contains("仮のパスワード", await console.GetPageAsync("/console/password"));

        var mismatch = await console.PostFormAsync("/console/password", new { CurrentPassword = OneTime, NewPassword = Chosen, RepeatPassword = Chosen + "x" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, mismatch.StatusCode);
        Assert.Contains("一致しません", await mismatch.Content.ReadAsStringAsync());
        var weak = await console.PostFormAsync("/console/password", new { CurrentPassword = OneTime, NewPassword = "password1234", RepeatPassword = "password1234" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, weak.StatusCode);
        var changed = await console.PostFormAsync("/console/password", new { CurrentPassword = OneTime, NewPassword = Chosen, RepeatPassword = Chosen });
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Equal("/console/second-factor", changed.Headers.Location!.OriginalString);
        Assert.Equal("/console/second-factor", (await console.Http.GetAsync("/console")).Headers.Location!.OriginalString);

        var enrolment = await console.GetPageAsync("/console/second-factor");
        Assert.Matches("<img class=\"qr\" src=\"data:image/svg(\\+|&#x2B;)xml;base64,[A-Za-z0-9+/=&#x;]+\"", enrolment); // Razor encodes the +
        var key = KeyText().Match(enrolment).Groups[1].Value.Replace(" ", "", StringComparison.Ordinal);
        Assert.Equal(32, key.Length);

        var wrong = await console.PostFormAsync("/console/second-factor", new { Code = app.CodeNow(key, 3) });
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        var again = await wrong.Content.ReadAsStringAsync();
        Assert.Contains("role=\"alert\"", again);
        Assert.Equal(key, KeyText().Match(again).Groups[1].Value.Replace(" ", "", StringComparison.Ordinal)); // the same key, not a new one

        var confirmed = await console.PostFormAsync("/console/second-factor", new { Code = app.CodeNow(key) });
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        var codes = RecoveryCode().Matches(await confirmed.Content.ReadAsStringAsync()).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(10, codes.Distinct().Count());

        // The code was just proven: the console is open at once, as an admin's.
        var today = await console.GetPageAsync("/console");
        Assert.Contains("href=\"/console/audit\"", today); // the admin's navigation
        // And the API signs in with the password chosen and a recovery code.
        var api = await app.SignInAsync("kai@example.com", Chosen, codes[0]).ExpectJson(HttpStatusCode.OK);
        Assert.Empty(api["setupRequired"]!.AsArray());
    }

    [Theory, Engines]
    public async Task An_analyst_after_the_password_change_goes_straight_to_the_console(string engine)
    {
        using var app = new TestApp(engine);
        await app.CreateWithOneTimePasswordAsync("an@example.com", "analyst", OneTime);
        var console = ConsoleClient.Anonymous(app);
        await console.PostFormAsync("/console/sign-in", new { Email = "an@example.com", Password = OneTime, Otp = "" });
        await console.GetPageAsync("/console/password");
        var changed = await console.PostFormAsync("/console/password", new { CurrentPassword = OneTime, NewPassword = Chosen, RepeatPassword = Chosen });
        Assert.Equal("/console", changed.Headers.Location!.OriginalString);
        Assert.Contains("<h1>", await console.GetPageAsync("/console"));
    }

    [Theory, Engines]
    public async Task The_demo_box_is_on_the_sign_in_page_only_in_the_development_demo(string engine)
    {
        using (var demo = new TestApp(engine, new Dictionary<string, string?> { ["environment"] = "Development" }))
        {
            await demo.Get<Tidegate.Server.Features.Staff.DemoStaff>().SeedAsync();
            var page = await ConsoleClient.Anonymous(demo).GetPageAsync("/console/sign-in");
            Assert.Contains("admin@demo.tidegate.local", page);
            var code = DemoCode().Match(page).Groups[1].Value;
            Assert.Equal(Tidegate.Server.Features.Staff.OtpCodes.CodeAt(Tidegate.Server.Features.Staff.DemoStaff.AuthenticatorKey, demo.Clock.GetUtcNow()), code);

            // A newcomer types what the box says and is in.
            var console = ConsoleClient.Anonymous(demo);
            var signedIn = await console.PostFormAsync("/console/sign-in",
                new { Email = "admin@demo.tidegate.local", Password = Tidegate.Server.Features.Staff.DemoStaff.Password, Otp = code });
            Assert.Equal("/console", signedIn.Headers.Location!.OriginalString);
            Assert.Contains("<h1>", await console.GetPageAsync("/console"));
        }
        using var testing = new TestApp(engine); // dev tools on, but not Development: no demo accounts, no box
        Assert.DoesNotContain("demo.tidegate.local", await ConsoleClient.Anonymous(testing).GetPageAsync("/console/sign-in"));
    }

    [Fact]
    public async Task The_console_sign_in_form_is_limited_per_address()
    {
        using var app = new TestApp("sqlite", new Dictionary<string, string?>
        {
            ["Tidegate:RateLimits:Enabled"] = "true", ["Tidegate:RateLimits:SignIn:Burst"] = "3", ["Tidegate:RateLimits:SignIn:PerMinute"] = "1",
        });
        var console = ConsoleClient.Anonymous(app);
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await console.PostFormAsync("/console/sign-in", new { Email = $"guess{i}@example.com", Password = "guessing-guessing", Otp = "" })).StatusCode);
        await console.GetPageAsync("/console/sign-in"); // looking at the form is not an attempt
        var throttled = await console.PostFormAsync("/console/sign-in", new { Email = "guess9@example.com", Password = "guessing-guessing", Otp = "" });
        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        Assert.NotNull(throttled.Headers.RetryAfter);
    }

    [GeneratedRegex("<code class=\"otp-key\" id=\"otp-key\">([A-Z2-7 ]+)</code>")]
    private static partial Regex KeyText();

    [GeneratedRegex("<li><code>([a-z2-9]{5}-[a-z2-9]{5})</code></li>")]
    private static partial Regex RecoveryCode();

    [GeneratedRegex("<code class=\"demo-code\">([0-9]{6})</code>")]
    private static partial Regex DemoCode();
}
