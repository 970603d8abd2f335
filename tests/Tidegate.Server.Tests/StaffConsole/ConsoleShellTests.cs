using Dapper;
using Tidegate.Server.Tests.Staff;

namespace Tidegate.Server.Tests.StaffConsole;

/// <summary>The console's way in: the sign-in form, the session cookie, its end, and who may see what.</summary>
public class ConsoleShellTests
{
    [Theory, Engines]
    public async Task A_console_page_without_a_session_sends_the_person_to_sign_in_and_back(string engine)
    {
        using var app = new TestApp(engine);
        var anonymous = ConsoleClient.Anonymous(app);
        var page = await anonymous.Http.GetAsync("/console");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal("/console/sign-in?returnUrl=%2Fconsole", page.Headers.Location!.PathAndQuery);

        var account = await app.ReadyStaffAsync("operator");
        var signedIn = await anonymous.PostFormAsync("/console/sign-in?returnUrl=%2Fconsole%2Fdevices",
            new { account.Email, account.Password, Otp = account.NextCode()! });
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal("/console/devices", signedIn.Headers.Location!.OriginalString);
        Assert.Contains("tidegate_staff=", string.Join(";", signedIn.Headers.GetValues("Set-Cookie")));
        Assert.Contains("<h1>", await anonymous.GetPageAsync("/console"));
    }

    [Theory, Engines]
    public async Task A_wrong_password_or_a_missing_code_is_said_in_the_page_and_gives_no_session(string engine)
    {
        using var app = new TestApp(engine);
        var account = await app.ReadyStaffAsync("admin");
        var console = ConsoleClient.Anonymous(app);

        var wrong = await console.PostFormAsync("/console/sign-in", new { account.Email, Password = "not-the-password-at-all", Otp = "" });
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Contains("メールアドレスまたはパスワードが違います", await wrong.Content.ReadAsStringAsync());
        Assert.False(wrong.Headers.Contains("Set-Cookie") && wrong.Headers.GetValues("Set-Cookie").Any(c => c.StartsWith("tidegate_staff=", StringComparison.Ordinal)));

        var noCode = await console.PostFormAsync("/console/sign-in", new { account.Email, account.Password, Otp = "" });
        Assert.Equal(HttpStatusCode.Unauthorized, noCode.StatusCode);
        Assert.Contains("確認コードが必要です", await noCode.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await console.Http.GetAsync("/console")).StatusCode);

        var withCode = await console.PostFormAsync("/console/sign-in", new { account.Email, account.Password, Otp = account.NextCode()! });
        Assert.Equal(HttpStatusCode.Redirect, withCode.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await console.Http.GetAsync("/console")).StatusCode);
    }

    [Theory, Engines]
    public async Task A_form_without_its_antiforgery_token_is_refused(string engine)
    {
        using var app = new TestApp(engine);
        var account = await app.ReadyStaffAsync("analyst");
        var console = ConsoleClient.Anonymous(app);
        var forged = await console.Http.PostAsync("/console/sign-in",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["Email"] = account.Email, ["Password"] = account.Password }));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);

        var signedIn = await app.ConsoleAsync("operator");
        var crossSite = await signedIn.Http.PostAsync("/console?handler=Resolve",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["ConflictId"] = "x", ["Resolution"] = "ignore" }));
        Assert.Equal(HttpStatusCode.BadRequest, crossSite.StatusCode);
    }

    [Theory, Engines]
    public async Task Signing_out_ends_the_session_on_the_server_so_a_copied_cookie_is_refused_too(string engine)
    {
        using var app = new TestApp(engine);
        var account = await app.ReadyStaffAsync("analyst");
        var console = ConsoleClient.Anonymous(app);
        var signedIn = await console.PostFormAsync("/console/sign-in", new { account.Email, account.Password, Otp = "" });
        var cookie = signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("tidegate_staff=", StringComparison.Ordinal)).Split(';')[0];
        var html = await console.GetPageAsync("/console");
        Assert.Contains("/console/sign-out", html);

        var signedOut = await console.PostFormAsync("/console/sign-out", new { });
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.Equal("/console/sign-in", signedOut.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await console.Http.GetAsync("/console")).StatusCode);
        await using var connection = await app.Db.OpenAsync();
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM staff_sessions WHERE ended_at IS NULL"));

        var copy = ConsoleClient.Anonymous(app);
        using var replay = new HttpRequestMessage(HttpMethod.Get, "/console");
        replay.Headers.Add("Cookie", cookie);
        Assert.Equal(HttpStatusCode.Redirect, (await copy.Http.SendAsync(replay)).StatusCode);
    }

    [Theory, Engines]
    public async Task The_console_cookie_is_no_key_to_the_api(string engine)
    {
        using var app = new TestApp(engine);
        var console = await app.ConsoleAsync("admin");
        await console.Http.GetAsync("/api/v1/admin/audit").ExpectProblem(HttpStatusCode.Unauthorized, "unauthorized");
        await console.Http.GetAsync("/api/v1/gate/conflicts").ExpectProblem(HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Theory, Engines]
    public async Task Sign_in_goes_back_only_to_a_console_page(string engine)
    {
        using var app = new TestApp(engine);
        foreach (var returnUrl in new[] { "https://evil.example/", "//evil.example", "/tickets/x", "/\\evil" })
        {
            var account = await app.ReadyStaffAsync("analyst");
            var console = ConsoleClient.Anonymous(app);
            var response = await console.PostFormAsync("/console/sign-in?returnUrl=" + Uri.EscapeDataString(returnUrl),
                new { account.Email, account.Password, Otp = "" });
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/console", response.Headers.Location!.OriginalString);
        }
    }
}
