namespace Tidegate.Server.Tests.Staff;

public class SecondFactorTests
{
    [Theory, Engines]
    public async Task Enrolment_gives_a_secret_uri_and_qr_and_then_the_account_needs_its_code(string engine)
    {
        using var app = new TestApp(engine);
        await app.CreateStaffAsync("kai@example.com", "admin");
        var setup = await app.SignInAsync("kai@example.com").ExpectJson(HttpStatusCode.OK);
        Assert.Equal(["second_factor"], setup["setupRequired"]!.AsArray().Select(s => (string)s!));
        var signedIn = app.Bearer((string)setup["token"]!);

        var enrolment = await signedIn.PostJson("/api/v1/staff/otp/enrol", new { }).ExpectJson(HttpStatusCode.OK);
        var secret = (string)enrolment["secret"]!;
        Assert.StartsWith("otpauth://totp/Tidegate:kai%40example.com?secret=" + secret, (string)enrolment["otpauthUri"]!);
        Assert.StartsWith("<svg", ((string)enrolment["qrSvg"]!).TrimStart()[..4]);
        // Not enrolled until confirmed: a password alone still opens only a setup session, and a wrong code does not confirm.
        var again = await app.SignInAsync("kai@example.com").ExpectJson(HttpStatusCode.OK);
        Assert.Equal(["second_factor"], again["setupRequired"]!.AsArray().Select(s => (string)s!));
        await signedIn.PostJson("/api/v1/staff/otp/confirm", new { otp = app.CodeNow(secret, stepsFromNow: 3) })
            .ExpectProblem(HttpStatusCode.Unauthorized, "otp_required");

        var confirmed = await signedIn.PostJson("/api/v1/staff/otp/confirm", new { otp = app.CodeNow(secret) }).ExpectJson(HttpStatusCode.OK);
        Assert.Equal(10, confirmed["recoveryCodes"]!.AsArray().Select(c => (string)c!).Distinct().Count());

        await app.SignInAsync("kai@example.com").ExpectProblem(HttpStatusCode.Unauthorized, "otp_required");
        await app.SignInAsync("kai@example.com", otp: "000000" == app.CodeNow(secret) ? "111111" : "000000")
            .ExpectProblem(HttpStatusCode.Unauthorized, "otp_required");
        // The confirming code's step is used: the next step's code signs in, to a full session.
        app.Clock.Advance(TimeSpan.FromSeconds(30));
        var full = await app.SignInAsync("kai@example.com", otp: app.CodeNow(secret)).ExpectJson(HttpStatusCode.OK);
        Assert.Empty(full["setupRequired"]!.AsArray());
        Assert.Equal("admin", (string?)full["role"]);
        // A wrong password with the right code is still invalid_credentials.
        await app.SignInAsync("kai@example.com", "not-the-password-at-all", app.CodeNow(secret, 1))
            .ExpectProblem(HttpStatusCode.Unauthorized, "invalid_credentials");
    }

    [Theory, Engines]
    public async Task A_code_is_accepted_once_within_one_step_either_side_and_never_replayed(string engine)
    {
        using var app = new TestApp(engine);
        await app.CreateStaffAsync("kai@example.com", "operator");
        var (secret, _) = await app.EnrolAsync(await app.SignedInAsync("kai@example.com"));
        app.Clock.Advance(TimeSpan.FromMinutes(2));

        var code = app.CodeNow(secret);
        await app.SignInAsync("kai@example.com", otp: code).ExpectJson(HttpStatusCode.OK);
        await app.SignInAsync("kai@example.com", otp: code).ExpectProblem(HttpStatusCode.Unauthorized, "otp_required"); // replayed

        // Thirty seconds on, the previous step's code would be in the window, but it was used; the next step's is fresh.
        app.Clock.Advance(TimeSpan.FromSeconds(30));
        await app.SignInAsync("kai@example.com", otp: code).ExpectProblem(HttpStatusCode.Unauthorized, "otp_required");
        await app.SignInAsync("kai@example.com", otp: app.CodeNow(secret, 1)).ExpectJson(HttpStatusCode.OK); // a phone one step ahead

        // A code two steps old is outside the window.
        app.Clock.Advance(TimeSpan.FromMinutes(5));
        await app.SignInAsync("kai@example.com", otp: app.CodeNow(secret, -2)).ExpectProblem(HttpStatusCode.Unauthorized, "otp_required");
        await app.SignInAsync("kai@example.com", otp: app.CodeNow(secret)).ExpectJson(HttpStatusCode.OK);
    }

    [Theory, Engines]
    public async Task A_recovery_code_works_once_in_place_of_the_code(string engine)
    {
        using var app = new TestApp(engine);
        await app.CreateStaffAsync("kai@example.com", "admin");
        var (_, codes) = await app.EnrolAsync(await app.SignedInAsync("kai@example.com"));

        await app.SignInAsync("kai@example.com", otp: codes[3].ToUpperInvariant()).ExpectJson(HttpStatusCode.OK);
        await app.SignInAsync("kai@example.com", otp: codes[3]).ExpectProblem(HttpStatusCode.Unauthorized, "otp_required");
        await app.SignInAsync("kai@example.com", otp: codes[4]).ExpectJson(HttpStatusCode.OK);
        await app.SignInAsync("kai@example.com", otp: "abcde-fghjk").ExpectProblem(HttpStatusCode.Unauthorized, "otp_required");
    }

    [Theory, Engines]
    public async Task Wrong_codes_count_towards_the_lockout(string engine)
    {
        using var app = new TestApp(engine);
        await app.CreateStaffAsync("kai@example.com", "admin");
        var (secret, _) = await app.EnrolAsync(await app.SignedInAsync("kai@example.com"));

        for (var i = 0; i < 5; i++)
            await app.SignInAsync("kai@example.com", otp: "wrong-" + i).ExpectProblem(HttpStatusCode.Unauthorized, "otp_required");
        app.Clock.Advance(TimeSpan.FromSeconds(60));
        await app.SignInAsync("kai@example.com", otp: app.CodeNow(secret)).ExpectProblem(HttpStatusCode.TooManyRequests, "throttled");
    }

    [Theory, Engines]
    public async Task A_dev_token_has_no_session_to_enrol(string engine)
    {
        using var app = new TestApp(engine);
        var admin = await app.DevAsync("admin");
        await admin.PostJson("/api/v1/staff/otp/enrol", new { }).ExpectProblem(HttpStatusCode.Forbidden, "forbidden");
        await app.CreateClient().PostJson("/api/v1/staff/otp/enrol", new { }).ExpectProblem(HttpStatusCode.Unauthorized, "unauthorized");
    }
}
