namespace Tidegate.Server.Tests.Staff;

public class SignInTests
{
    [Theory, Engines]
    public async Task A_staff_person_signs_in_with_email_and_password_and_gets_a_token_and_a_strict_cookie(string engine)
    {
        using var app = new TestApp(engine);
        await app.CreateStaffAsync("Kai.Tanaka@Example.com", "admin");

        var response = await app.SignInAsync("  kai.tanaka@example.COM ");
        var body = await response.ExpectJson(HttpStatusCode.OK);

        Assert.Equal("admin", (string?)body["role"]);
        var expiresAt = DateTimeOffset.Parse((string)body["expiresAt"]!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(TimeSpan.FromHours(9), expiresAt.Offset); // the venue's offset, as every instant in the API
        Assert.InRange(expiresAt - app.Clock.GetUtcNow(), TimeSpan.FromHours(11.9), TimeSpan.FromHours(12));
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("tidegate_staff=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("secure", cookie, StringComparison.OrdinalIgnoreCase); // the test server's public URL is plain http

        // No second factor yet: the session is for setting one up; its token is not an admin's.
        Assert.Equal(["second_factor"], body["setupRequired"]!.AsArray().Select(s => (string)s!));
        var setup = app.Bearer((string)body["token"]!);
        await setup.PostJson("/api/v1/admin/staff", new { email = "mio@example.com", name = "Mio", role = "analyst", password = StaffClient.Password })
            .ExpectProblem(HttpStatusCode.Forbidden, "forbidden");

        // Enrolled and signed in with the code, the token is an admin's: it may create staff.
        var signedIn = await app.SignedInAsync("kai.tanaka@example.com");
        await signedIn.PostJson("/api/v1/admin/staff", new { email = "mio@example.com", name = "Mio", role = "analyst", password = StaffClient.Password })
            .ExpectJson(HttpStatusCode.Created);
    }

    [Theory, Engines]
    public async Task A_wrong_password_and_an_unknown_email_get_the_same_answer(string engine)
    {
        using var app = new TestApp(engine);
        await app.CreateStaffAsync("kai@example.com", "operator");

        var wrong = await app.SignInAsync("kai@example.com", "not-the-password-at-all").ExpectProblem(HttpStatusCode.Unauthorized, "invalid_credentials");
        var unknown = await app.SignInAsync("nobody@example.com").ExpectProblem(HttpStatusCode.Unauthorized, "invalid_credentials");

        Assert.Equal((string?)wrong["detail"], (string?)unknown["detail"]);
        Assert.Equal((string?)wrong["title"], (string?)unknown["title"]);

        // And the lockout answers alike: after five tries in all, both are throttled.
        for (var i = 0; i < 4; i++)
        {
            await app.SignInAsync("kai@example.com", "not-the-password-" + i).ExpectProblem(HttpStatusCode.Unauthorized, "invalid_credentials");
            await app.SignInAsync("nobody@example.com", "not-the-password-" + i).ExpectProblem(HttpStatusCode.Unauthorized, "invalid_credentials");
        }
        await app.SignInAsync("kai@example.com").ExpectProblem(HttpStatusCode.TooManyRequests, "throttled");
        await app.SignInAsync("nobody@example.com").ExpectProblem(HttpStatusCode.TooManyRequests, "throttled");
    }

    [Theory, Engines]
    public async Task Five_failures_lock_the_account_until_fifteen_minutes_have_passed(string engine)
    {
        using var app = new TestApp(engine);
        await app.CreateStaffAsync("kai@example.com", "operator");

        for (var i = 0; i < 5; i++)
            await app.SignInAsync("kai@example.com", "wrong-password-" + i).ExpectProblem(HttpStatusCode.Unauthorized, "invalid_credentials");
        // Locked: even the right password is refused, and not counted.
        var locked = await app.SignInAsync("kai@example.com");
        await locked.ExpectProblem(HttpStatusCode.TooManyRequests, "throttled");
        Assert.True(locked.Headers.RetryAfter?.Delta > TimeSpan.FromMinutes(14));

        app.Clock.Advance(TimeSpan.FromMinutes(14));
        await app.SignInAsync("kai@example.com").ExpectProblem(HttpStatusCode.TooManyRequests, "throttled");
        app.Clock.Advance(TimeSpan.FromMinutes(1.5));
        await app.SignInAsync("kai@example.com").ExpectJson(HttpStatusCode.OK);

        // The success reset the count: four failures do not lock again.
        for (var i = 0; i < 4; i++)
            await app.SignInAsync("kai@example.com", "wrong-password-" + i).ExpectProblem(HttpStatusCode.Unauthorized, "invalid_credentials");
        await app.SignInAsync("kai@example.com").ExpectJson(HttpStatusCode.OK);
    }

    [Theory, Engines]
    public async Task Malformed_sign_in_bodies_are_400(string engine)
    {
        using var app = new TestApp(engine);
        var client = app.CreateClient();
        await client.PostRaw("/api/v1/staff/session", "{\"email\": 3}").ExpectProblem(HttpStatusCode.BadRequest, "invalid_request");
        await client.PostJson("/api/v1/staff/session", new { email = "kai@example.com" }).ExpectProblem(HttpStatusCode.Unauthorized, "invalid_credentials");
    }
}
