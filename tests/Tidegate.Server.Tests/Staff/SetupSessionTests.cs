using System.Text.Json.Nodes;

namespace Tidegate.Server.Tests.Staff;

/// <summary>
/// A sign-in with setup left (a one-time password; an admin or operator without a second factor)
/// opens a setup session: it may change the password, enrol, and sign out; every other staff, admin
/// and gate route answers 403.
/// </summary>
public class SetupSessionTests
{
    private const string OneTime = "one-time-password-xyz";
    private const string Chosen = "my-own-password-2026";

    private static List<string> Setup(JsonNode body) => body["setupRequired"]!.AsArray().Select(s => (string)s!).ToList();

    [Theory, Engines]
    public async Task An_operator_with_a_one_time_password_changes_it_enrols_and_only_then_gets_a_full_session(string engine)
    {
        using var app = new TestApp(engine);
        await app.CreateWithOneTimePasswordAsync("mio@example.com", "operator", OneTime);

        var first = await app.SignInAsync("mio@example.com", OneTime).ExpectJson(HttpStatusCode.OK);
        Assert.Equal("operator", (string?)first["role"]);
        Assert.Equal(["password", "second_factor"], Setup(first));
        var setup = app.Bearer((string)first["token"]!);
        await RefusedEverywhereButSetupAsync(app, setup);

        // The password change checks the current one and the policy.
        await ChangeAsync(setup, "not-the-one-time-one", Chosen).ExpectProblem(HttpStatusCode.Unauthorized, "invalid_credentials");
        await ChangeAsync(setup, OneTime, "password1234").ExpectProblem(HttpStatusCode.UnprocessableEntity, "weak_password");
        await ChangeAsync(setup, OneTime, OneTime).ExpectProblem(HttpStatusCode.UnprocessableEntity, "weak_password");
        Assert.Equal(HttpStatusCode.NoContent, (await ChangeAsync(setup, OneTime, Chosen)).StatusCode);

        // The same session is still a setup session: the second factor is left.
        await RefusedEverywhereButSetupAsync(app, setup);
        await app.SignInAsync("mio@example.com", OneTime).ExpectProblem(HttpStatusCode.Unauthorized, "invalid_credentials");
        Assert.Equal(["second_factor"], Setup(await app.SignInAsync("mio@example.com", Chosen).ExpectJson(HttpStatusCode.OK)));

        var (secret, _) = await app.EnrolAsync(setup);
        await RefusedEverywhereButSetupAsync(app, setup); // a setup token stays one: sign in again with the code
        await app.SignInAsync("mio@example.com", Chosen).ExpectProblem(HttpStatusCode.Unauthorized, "otp_required");
        var full = await app.SignInAsync("mio@example.com", Chosen, app.CodeNow(secret, 1)).ExpectJson(HttpStatusCode.OK);
        Assert.Empty(Setup(full));
        await MarkDate(app.Bearer((string)full["token"]!)).ExpectJson(HttpStatusCode.OK);
    }

    [Theory, Engines]
    public async Task An_admin_without_a_second_factor_gets_only_a_setup_session_and_an_analyst_needs_none(string engine)
    {
        using var app = new TestApp(engine);
        await app.CreateStaffAsync("kai@example.com", "admin");
        await app.CreateStaffAsync("an@example.com", "analyst");

        var admin = await app.SignInAsync("kai@example.com").ExpectJson(HttpStatusCode.OK);
        Assert.Equal(["second_factor"], Setup(admin));
        await RefusedEverywhereButSetupAsync(app, app.Bearer((string)admin["token"]!));

        var analyst = await app.SignInAsync("an@example.com").ExpectJson(HttpStatusCode.OK);
        Assert.Empty(Setup(analyst));
        Assert.Equal("analyst", (string?)analyst["role"]);
        var signedIn = app.Bearer((string)analyst["token"]!);
        Assert.Equal(HttpStatusCode.OK, (await signedIn.PostJson("/api/v1/staff/sessions/end-all", new { })).StatusCode);
    }

    [Theory, Engines]
    public async Task Changing_the_password_ends_the_persons_other_sessions(string engine)
    {
        using var app = new TestApp(engine);
        await app.CreateStaffAsync("mio@example.com", "operator");
        var here = await app.SignedInAsync("mio@example.com");
        var elsewhere = await app.SignedInAsync("mio@example.com");
        await app.CreateStaffAsync("kai@example.com", "operator");
        var someoneElse = await app.SignedInAsync("kai@example.com");

        Assert.Equal(HttpStatusCode.NoContent, (await ChangeAsync(here, StaffClient.Password, Chosen)).StatusCode);

        await MarkDate(here).ExpectJson(HttpStatusCode.OK);
        await MarkDate(elsewhere).ExpectProblem(HttpStatusCode.Unauthorized, "unauthorized");
        await MarkDate(someoneElse).ExpectJson(HttpStatusCode.OK);
        await app.SignInAsync("mio@example.com", StaffClient.Password).ExpectProblem(HttpStatusCode.Unauthorized, "invalid_credentials");
    }

    [Theory, Engines]
    public async Task The_setup_routes_need_a_staff_session(string engine)
    {
        using var app = new TestApp(engine);
        await app.CreateClient().PostJson("/api/v1/staff/password", new { currentPassword = OneTime, newPassword = Chosen })
            .ExpectProblem(HttpStatusCode.Unauthorized, "unauthorized");
        await ChangeAsync(await app.DevAsync("admin"), OneTime, Chosen).ExpectProblem(HttpStatusCode.Forbidden, "forbidden");
        await ChangeAsync(await app.DevAsync("gate"), OneTime, Chosen).ExpectProblem(HttpStatusCode.Forbidden, "forbidden");
    }

    /// <summary>Every kind of route a setup session must not reach answers 403; signing out is not tried (it would end the session).</summary>
    private static async Task RefusedEverywhereButSetupAsync(TestApp app, HttpClient setup)
    {
        await MarkDate(setup).ExpectProblem(HttpStatusCode.Forbidden, "forbidden");
        await setup.PostJson("/api/v1/admin/staff", new { email = "x@example.com", role = "analyst", password = Chosen }).ExpectProblem(HttpStatusCode.Forbidden, "forbidden");
        await setup.PostJson("/api/v1/admin/gate-devices", new { name = "east-1" }).ExpectProblem(HttpStatusCode.Forbidden, "forbidden");
        await setup.GetAsync("/api/v1/admin/audit").ExpectProblem(HttpStatusCode.Forbidden, "forbidden");
        await setup.PostJson("/api/v1/gate/scans", new { code = "x", gateId = "east-1", nonce = "n1" }).ExpectProblem(HttpStatusCode.Forbidden, "forbidden");
        await setup.PostJson("/api/v1/staff/sessions/end-all", new { }).ExpectProblem(HttpStatusCode.Forbidden, "forbidden");
        // …but enrolment is open to it.
        await setup.PostJson("/api/v1/staff/otp/enrol", new { }).ExpectJson(HttpStatusCode.OK);
    }

    private static Task<HttpResponseMessage> ChangeAsync(HttpClient client, string current, string next) =>
        client.PostJson("/api/v1/staff/password", new { currentPassword = current, newPassword = next });

    private static Task<HttpResponseMessage> MarkDate(HttpClient client) =>
        client.PutAsync("/api/v1/admin/queue/2026-12-20", System.Net.Http.Json.JsonContent.Create(new { guarded = false }));
}
