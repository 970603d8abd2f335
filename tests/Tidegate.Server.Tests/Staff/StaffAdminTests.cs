using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Tidegate.Server.Tests.Audit;

namespace Tidegate.Server.Tests.Staff;

/// <summary>The admin's account management over HTTP: list, role, disable/enable, second-factor reset, unlock; sessions and audit entries.</summary>
public class StaffAdminTests
{
    private const string Path = "/api/v1/admin/staff";

    private static Task<HttpResponseMessage> Patch(HttpClient client, string staffId, object body) =>
        client.PatchAsync($"{Path}/{staffId}", JsonContent.Create(body));

    private static async Task<JsonNode> ListedAsync(HttpClient admin, string staffId) =>
        (await admin.GetAsync(Path).ExpectJson(HttpStatusCode.OK))["items"]!.AsArray().Single(s => (string?)s!["staffId"] == staffId)!;

    private static async Task<List<JsonNode>> AuditAsync(TestApp app, string? action = null)
    {
        var admin = await AdminClients.AsAsync(app, "admin", "auditor");
        var url = "/api/v1/admin/audit" + (action is null ? "" : "?action=" + action);
        return (await admin.GetAsync(url).ExpectJson(HttpStatusCode.OK))["items"]!.AsArray().Select(i => i!).ToList();
    }

    [Theory, Engines]
    public async Task Every_new_route_answers_401_without_a_session_403_to_other_roles_and_works_for_an_admin(string engine)
    {
        using var app = new TestApp(engine);
        var kai = await app.CreateStaffAsync("kai@example.com", "operator");
        await app.CreateStaffAsync("op@example.com", "operator");
        await app.CreateStaffAsync("an@example.com", "analyst");
        await app.CreateStaffAsync("ad@example.com", "admin");
        var routes = new Func<HttpClient, Task<HttpResponseMessage>>[]
        {
            c => c.GetAsync(Path),
            c => Patch(c, kai, new { role = "operator" }),
            c => c.PostJson($"{Path}/{kai}/second-factor/reset", new { }),
            c => c.PostJson($"{Path}/{kai}/unlock", new { }),
        };
        var operatorClient = await app.SignedInAsync("op@example.com"); // not kai: the reset ends kai's sessions
        var analyst = await app.SignedInAsync("an@example.com");
        var gate = await app.DevAsync("gate");
        var admin = await app.SignedInAsync("ad@example.com");
        foreach (var route in routes)
        {
            await route(app.CreateClient()).ExpectProblem(HttpStatusCode.Unauthorized, "unauthorized");
            await route(app.Bearer("tg1.forged.sig")).ExpectProblem(HttpStatusCode.Unauthorized, "unauthorized");
            await route(analyst).ExpectProblem(HttpStatusCode.Forbidden, "forbidden");
            await route(gate).ExpectProblem(HttpStatusCode.Forbidden, "forbidden");
            await route(operatorClient).ExpectProblem(HttpStatusCode.Forbidden, "forbidden");
            await route(admin).ExpectJson(HttpStatusCode.OK);
        }
        await Patch(admin, "no-such-account", new { disabled = true }).ExpectProblem(HttpStatusCode.NotFound, "not_found");
        await admin.PostJson($"{Path}/no-such-account/unlock", new { }).ExpectProblem(HttpStatusCode.NotFound, "not_found");
        var role = await Patch(admin, kai, new { role = "gate" }).ExpectProblem(HttpStatusCode.BadRequest, "invalid_request");
        Assert.Equal("role", (string?)role["field"]);
        await Patch(admin, kai, new { }).ExpectProblem(HttpStatusCode.BadRequest, "invalid_request");
    }

    [Theory, Engines]
    public async Task The_list_shows_role_second_factor_last_sign_in_lockout_and_disabled(string engine)
    {
        using var app = new TestApp(engine);
        var oneTime = "one-time-" + Guid.NewGuid().ToString("N");
        var kai = await app.CreateWithOneTimePasswordAsync("Kai@Example.com", "operator", oneTime);
        var admin = await app.DevAsync("admin");
        var before = await ListedAsync(admin, kai);
        Assert.Equal(("kai@example.com", "Test operator", "operator"), ((string)before["email"]!, (string)before["name"]!, (string)before["role"]!));
        Assert.False((bool)before["secondFactor"]!);
        Assert.Null(before["lastSignInAt"]);
        Assert.False((bool)before["locked"]!);
        Assert.False((bool)before["disabled"]!);

        app.Clock.Advance(TimeSpan.FromMinutes(5));
        var first = app.Bearer((string)(await app.SignInAsync("kai@example.com", oneTime).ExpectJson(HttpStatusCode.OK))["token"]!);
        Assert.Equal(HttpStatusCode.NoContent,
            (await first.PostJson("/api/v1/staff/password", new { currentPassword = oneTime, newPassword = StaffClient.Password })).StatusCode);
        await app.EnrolAsync(await app.SignedInAsync("kai@example.com"));
        for (var i = 0; i < 5; i++) await app.SignInAsync("kai@example.com", "wrong-password-" + i);
        var after = await ListedAsync(admin, kai);
        Assert.True((bool)after["secondFactor"]!);
        Assert.Equal(app.Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(9)).ToString("yyyy-MM-ddTHH:mm"), ((string)after["lastSignInAt"]!)[..16]);
        Assert.True((bool)after["locked"]!);
        Assert.NotNull(after["lockedUntil"]);
        app.Clock.Advance(TimeSpan.FromMinutes(16));
        Assert.False((bool)(await ListedAsync(admin, kai))["locked"]!); // a lockout that ran out is not shown as one
    }

    [Theory, Engines]
    public async Task A_new_role_ends_the_persons_sessions_and_is_audited_with_the_new_account(string engine)
    {
        using var app = new TestApp(engine);
        var adminId = await app.CreateStaffAsync("ad@example.com", "admin");
        var admin = await app.SignedInAsync("ad@example.com");
        var created = await admin.PostJson(Path, new { email = "kai@example.com", name = "Kai", role = "admin", password = StaffClient.Password })
            .ExpectJson(HttpStatusCode.Created);
        var kai = (string)created["staffId"]!;
        // Kai chooses his own password at first sign-in, as every new account must.
        var firstSignIn = app.Bearer((string)(await app.SignInAsync("kai@example.com").ExpectJson(HttpStatusCode.OK))["token"]!);
        Assert.Equal(HttpStatusCode.NoContent,
            (await firstSignIn.PostJson("/api/v1/staff/password", new { currentPassword = StaffClient.Password, newPassword = "kai-chose-this-one-2026" })).StatusCode);
        var kaiSession = await app.SignedInAsync("kai@example.com", "kai-chose-this-one-2026");
        await kaiSession.GetAsync(Path).ExpectJson(HttpStatusCode.OK);

        var changed = await Patch(admin, kai, new { role = "operator" }).ExpectJson(HttpStatusCode.OK);
        Assert.Equal("operator", (string)changed["role"]!);

        await kaiSession.GetAsync(Path).ExpectProblem(HttpStatusCode.Unauthorized, "unauthorized"); // refused at once, not after the cache
        var again = await app.SignedInAsync("kai@example.com", "kai-chose-this-one-2026");
        await again.GetAsync(Path).ExpectProblem(HttpStatusCode.Forbidden, "forbidden");
        await again.GetAsync("/api/v1/admin/gate-devices").ExpectJson(HttpStatusCode.OK);
        // The same role again is no change: no entry.
        await Patch(admin, kai, new { role = "operator" }).ExpectJson(HttpStatusCode.OK);

        var entries = await AuditAsync(app);
        Assert.Equal([("staff.role_changed", kai, adminId), ("staff.created", kai, adminId)],
            entries.Take(2).Select(e => ((string)e["action"]!, (string)e["target"]!, (string)e["actor"]!)));
        Assert.Equal("admin -> operator", (string)entries[0]["detail"]!);
        Assert.DoesNotContain(entries, e => ((string)e["detail"]!).Contains('@')); // no email in the log
    }

    [Theory, Engines]
    public async Task A_change_whose_audit_entry_fails_does_not_happen_and_ends_no_session(string engine)
    {
        using var app = new TestApp(engine);
        var kai = await app.CreateStaffAsync("kai@example.com", "operator");
        var session = await app.SignedInAsync("kai@example.com");
        var admin = await AdminClients.AsAsync(app, "admin");
        await AuditFailure.RefuseAsync(app, engine, "staff.role_changed");
        await AuditFailure.RefuseAsync(app, engine, "staff.created");

        Assert.Equal(HttpStatusCode.InternalServerError, (await Patch(admin, kai, new { role = "analyst" })).StatusCode);
        Assert.Equal(HttpStatusCode.InternalServerError,
            (await admin.PostJson(Path, new { email = "mio@example.com", name = "Mio", role = "admin", password = StaffClient.Password })).StatusCode);

        Assert.Equal("operator", (string)(await ListedAsync(admin, kai))["role"]!);
        await session.GetAsync("/api/v1/admin/gate-devices").ExpectJson(HttpStatusCode.OK);
        await app.SignInAsync("mio@example.com").ExpectProblem(HttpStatusCode.Unauthorized, "invalid_credentials");
    }

    [Theory, Engines]
    public async Task A_disabled_account_cannot_sign_in_and_its_sessions_end_until_enabled_again(string engine)
    {
        using var app = new TestApp(engine);
        var kai = await app.CreateStaffAsync("kai@example.com", "operator");
        var session = await app.SignedInAsync("kai@example.com");
        var admin = await AdminClients.AsAsync(app, "admin", "admin-ito");

        Assert.True((bool)(await Patch(admin, kai, new { disabled = true }).ExpectJson(HttpStatusCode.OK))["disabled"]!);
        await session.GetAsync("/api/v1/admin/gate-devices").ExpectProblem(HttpStatusCode.Unauthorized, "unauthorized");
        await app.SignInAsync("kai@example.com").ExpectProblem(HttpStatusCode.Unauthorized, "invalid_credentials");

        Assert.False((bool)(await Patch(admin, kai, new { disabled = false }).ExpectJson(HttpStatusCode.OK))["disabled"]!);
        await (await app.SignedInAsync("kai@example.com")).GetAsync("/api/v1/admin/gate-devices").ExpectJson(HttpStatusCode.OK);
        await session.GetAsync("/api/v1/admin/gate-devices").ExpectProblem(HttpStatusCode.Unauthorized, "unauthorized"); // ended for good

        var entries = await AuditAsync(app);
        Assert.Equal([("staff.enabled", "admin-ito"), ("staff.disabled", "admin-ito")],
            entries.Take(2).Select(e => ((string)e["action"]!, (string)e["actor"]!)));
        Assert.All(entries.Take(2), e => Assert.Equal(kai, (string)e["target"]!));
    }

    [Theory, Engines]
    public async Task The_last_active_admin_cannot_be_demoted_or_disabled_not_even_by_themselves(string engine)
    {
        using var app = new TestApp(engine);
        var me = await app.CreateStaffAsync("ad@example.com", "admin");
        var admin = await app.SignedInAsync("ad@example.com");

        var demoted = await Patch(admin, me, new { role = "operator" }).ExpectProblem(HttpStatusCode.Conflict, "last_admin");
        Assert.Contains("last active admin", (string)demoted["detail"]!);
        await Patch(admin, me, new { disabled = true }).ExpectProblem(HttpStatusCode.Conflict, "last_admin");
        await Patch(admin, me, new { role = "admin", disabled = true }).ExpectProblem(HttpStatusCode.Conflict, "last_admin");
        // A disabled admin does not count as one left.
        var other = await app.CreateStaffAsync("ito@example.com", "admin");
        await Patch(admin, other, new { disabled = true }).ExpectJson(HttpStatusCode.OK);
        await Patch(admin, me, new { role = "analyst" }).ExpectProblem(HttpStatusCode.Conflict, "last_admin");

        Assert.Equal("admin", (string)(await ListedAsync(admin, me))["role"]!); // nothing changed, the session still works
        Assert.Empty(await AuditAsync(app, "staff.role_changed"));

        // With another active admin, stepping down is fine (and ends my own sessions).
        await Patch(admin, other, new { disabled = false }).ExpectJson(HttpStatusCode.OK);
        await Patch(admin, me, new { role = "operator" }).ExpectJson(HttpStatusCode.OK);
        await admin.GetAsync(Path).ExpectProblem(HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Theory, Engines]
    public async Task Two_admins_demoting_each_other_at_once_leave_one_admin(string engine)
    {
        using var app = new TestApp(engine);
        for (var round = 0; round < 5; round++)
        {
            var a = await app.CreateStaffAsync($"a{round}@example.com", "admin");
            var b = await app.CreateStaffAsync($"b{round}@example.com", "admin");
            var asA = await app.SignedInAsync($"a{round}@example.com");
            var asB = await app.SignedInAsync($"b{round}@example.com");
            // Everyone else stops being an admin first, so these two are the last.
            var admin = await app.DevAsync("admin");
            foreach (var item in (await admin.GetAsync(Path).ExpectJson(HttpStatusCode.OK))["items"]!.AsArray())
                if ((string)item!["staffId"]! is var id && id != a && id != b && (string)item["role"]! == "admin")
                    await Patch(admin, id, new { role = "analyst" }).ExpectJson(HttpStatusCode.OK);

            var answers = await Task.WhenAll(Patch(asA, b, new { role = "operator" }), Patch(asB, a, new { role = "operator" }));

            // The loser is refused as the last admin (409) or, when the winner's demotion committed before its
            // request was authenticated, finds its own session already ended by that demotion (401).
            var codes = answers.Select(r => r.StatusCode).Order().ToList();
            Assert.Equal(HttpStatusCode.OK, codes[0]);
            Assert.Contains(codes[1], new[] { HttpStatusCode.Unauthorized, HttpStatusCode.Conflict });
            var roles = (await admin.GetAsync(Path).ExpectJson(HttpStatusCode.OK))["items"]!.AsArray();
            Assert.Single(roles, s => (string)s!["role"]! == "admin");
        }
    }

    [Theory, Engines]
    public async Task Resetting_the_second_factor_ends_every_session_and_the_person_enrols_again_at_next_sign_in(string engine)
    {
        using var app = new TestApp(engine);
        var kai = await app.CreateStaffAsync("kai@example.com", "operator");
        var first = await app.SignedInAsync("kai@example.com");
        var (secret, codes) = await app.EnrolAsync(first);
        app.Clock.Advance(TimeSpan.FromSeconds(31));
        var second = app.Bearer((string)(await app.SignInAsync("kai@example.com", otp: app.CodeNow(secret)).ExpectJson(HttpStatusCode.OK))["token"]!);
        await app.SignInAsync("kai@example.com").ExpectProblem(HttpStatusCode.Unauthorized, "otp_required");
        var admin = await AdminClients.AsAsync(app, "admin", "admin-ito");

        var reset = await admin.PostJson($"{Path}/{kai}/second-factor/reset", new { }).ExpectJson(HttpStatusCode.OK);

        Assert.False((bool)reset["secondFactor"]!);
        await first.GetAsync("/api/v1/admin/gate-devices").ExpectProblem(HttpStatusCode.Unauthorized, "unauthorized");
        await second.GetAsync("/api/v1/admin/gate-devices").ExpectProblem(HttpStatusCode.Unauthorized, "unauthorized");
        Assert.NotEmpty(codes);
        Assert.Equal(0L, await CountAsync(app, "SELECT COUNT(*) FROM staff_recovery_codes"));
        // The password alone now opens only a setup session: an operator must enrol again.
        var again = await app.SignInAsync("kai@example.com").ExpectJson(HttpStatusCode.OK);
        Assert.Equal(["second_factor"], again["setupRequired"]!.AsArray().Select(s => (string)s!));
        var setup = app.Bearer((string)again["token"]!);
        await setup.GetAsync("/api/v1/admin/gate-devices").ExpectProblem(HttpStatusCode.Forbidden, "forbidden");
        var (newSecret, _) = await app.EnrolAsync(setup);
        Assert.NotEqual(secret, newSecret);
        var entry = Assert.Single(await AuditAsync(app, "staff.second_factor_reset"));
        Assert.Equal((kai, "admin-ito"), ((string)entry["target"]!, (string)entry["actor"]!));
    }

    [Theory, Engines]
    public async Task Unlocking_lets_a_locked_out_person_sign_in_at_once(string engine)
    {
        using var app = new TestApp(engine);
        var kai = await app.CreateStaffAsync("kai@example.com", "operator");
        for (var i = 0; i < 5; i++) await app.SignInAsync("kai@example.com", "wrong-password-" + i);
        await app.SignInAsync("kai@example.com").ExpectProblem(HttpStatusCode.TooManyRequests, "throttled");
        var admin = await AdminClients.AsAsync(app, "admin", "admin-ito");

        var unlocked = await admin.PostJson($"{Path}/{kai}/unlock", new { }).ExpectJson(HttpStatusCode.OK);

        Assert.False((bool)unlocked["locked"]!);
        await app.SignInAsync("kai@example.com").ExpectJson(HttpStatusCode.OK);
        Assert.Equal(kai, (string)Assert.Single(await AuditAsync(app, "staff.unlocked"))["target"]!);
    }

    private static async Task<long> CountAsync(TestApp app, string sql)
    {
        await using var connection = await app.Db.OpenAsync();
        return await Dapper.SqlMapper.ExecuteScalarAsync<long>(connection, sql);
    }
}
