using Dapper;
using Tidegate.Server.Features.Audit;

namespace Tidegate.Server.Tests.Audit;

/// <summary>The audit log: entries for admin actions, a hash chain that verifies, and a database that refuses to rewrite it.</summary>
public class AuditLogTests
{
    private static async Task ChangeSomethingAsync(TestApp app, HttpClient staff, int capacity) =>
        await staff.PutJson("/api/v1/admin/capacity", new { date = "2026-12-20", start = "10:30", capacity }).ExpectJson(HttpStatusCode.OK);

    [Theory, Engines]
    public async Task Admin_actions_are_listed_with_actor_role_action_and_target_and_can_be_filtered(string engine)
    {
        using var app = new TestApp(engine);
        var sato = await AdminClients.AsAsync(app, "operator", "op-sato");
        var admin = await AdminClients.AsAsync(app, "admin", "admin-ito");
        await ChangeSomethingAsync(app, sato, 200);
        await admin.PutJson("/api/v1/admin/calendar/2026-12-24", new { open = false }).ExpectJson(HttpStatusCode.OK);

        var all = (await admin.GetAsync("/api/v1/admin/audit").ExpectJson(HttpStatusCode.OK))["items"]!.AsArray();
        Assert.Equal(2, all.Count);
        var newest = all[0]!;
        Assert.Equal(("admin-ito", "admin", "calendar.changed", "2026-12-24"),
            ((string)newest["actor"]!, (string)newest["role"]!, (string)newest["action"]!, (string)newest["target"]!));
        Assert.EndsWith("+09:00", (string)newest["at"]!);
        var oldest = all[1]!;
        Assert.Equal(("op-sato", "operator", "capacity.changed", "2026-12-20 10:30"),
            ((string)oldest["actor"]!, (string)oldest["role"]!, (string)oldest["action"]!, (string)oldest["target"]!));

        var bySato = (await admin.GetAsync("/api/v1/admin/audit?actor=op-sato").ExpectJson(HttpStatusCode.OK))["items"]!.AsArray();
        Assert.Equal("capacity.changed", (string)Assert.Single(bySato)!["action"]!);
        var closures = (await admin.GetAsync("/api/v1/admin/audit?action=calendar.changed").ExpectJson(HttpStatusCode.OK))["items"]!.AsArray();
        Assert.Equal("admin-ito", (string)Assert.Single(closures)!["actor"]!);
        Assert.Equal(2, (await admin.GetAsync("/api/v1/admin/audit?from=2026-11-20&to=2026-11-20").ExpectJson(HttpStatusCode.OK))["items"]!.AsArray().Count);
        Assert.Empty((await admin.GetAsync("/api/v1/admin/audit?from=2026-11-21").ExpectJson(HttpStatusCode.OK))["items"]!.AsArray());
        Assert.Empty((await admin.GetAsync("/api/v1/admin/audit?to=2026-11-19T23:00:00%2B09:00").ExpectJson(HttpStatusCode.OK))["items"]!.AsArray());
        Assert.Equal("from", (string)(await admin.GetAsync("/api/v1/admin/audit?from=yesterday")
            .ExpectProblem(HttpStatusCode.BadRequest, "invalid_request"))["field"]!);
    }

    [Theory, Engines]
    public async Task The_database_refuses_to_update_or_delete_an_entry(string engine)
    {
        using var app = new TestApp(engine);
        await ChangeSomethingAsync(app, await AdminClients.AsAsync(app, "admin"), 200);
        await using var connection = await app.Db.OpenAsync();
        var update = await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() =>
            connection.ExecuteAsync("UPDATE audit_log SET actor = 'nobody'"));
        Assert.Contains("append-only", update.Message);
        var delete = await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => connection.ExecuteAsync("DELETE FROM audit_log"));
        Assert.Contains("append-only", delete.Message);
        if (engine == "postgres")
            Assert.Contains("append-only", (await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() =>
                connection.ExecuteAsync("TRUNCATE audit_log"))).Message);
        Assert.Equal(1L, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM audit_log WHERE actor <> 'nobody'"));
    }

    [Theory, Engines]
    public async Task Concurrent_changes_make_one_chain_that_verifies(string engine)
    {
        using var app = new TestApp(engine);
        var staff = await AdminClients.AsAsync(app, "operator");
        await Task.WhenAll(Enumerable.Range(0, 25).Select(i =>
            staff.PutJson("/api/v1/admin/capacity", new { date = "2026-12-20", start = $"{10 + i / 4}:{i % 4 * 15:00}" /* 10:00 … 16:00 */, capacity = 100 + i })
                .ExpectJson(HttpStatusCode.OK)));

        var outcome = await app.Get<VerifyAuditChain>().ExecuteAsync();
        Assert.Equal(new VerifyAuditChain.Outcome(25, null), outcome);
        await using var connection = await app.Db.OpenAsync();
        Assert.Equal(Enumerable.Range(1, 25).Select(i => (long)i), await connection.QueryAsync<long>("SELECT seq FROM audit_log ORDER BY seq"));
    }

    [Theory, Engines]
    public async Task An_entry_edited_behind_the_application_is_found_by_audit_verify(string engine)
    {
        using var app = new TestApp(engine);
        var staff = await AdminClients.AsAsync(app, "operator");
        foreach (var capacity in new[] { 200, 210, 220, 230 }) await ChangeSomethingAsync(app, staff, capacity);
        Assert.Equal(0, await RunVerifyAsync(app));

        await using (var connection = await app.Db.OpenAsync())
        {
            // Someone with the database's owner rights removes the guard and rewrites an entry.
            await connection.ExecuteAsync(engine == "postgres"
                ? "DROP TRIGGER audit_log_no_change ON audit_log"
                : "DROP TRIGGER audit_log_no_update");
            await connection.ExecuteAsync("UPDATE audit_log SET detail = 'capacity 999' WHERE seq = 3");
        }
        Assert.Equal(3, (await app.Get<VerifyAuditChain>().ExecuteAsync()).FirstBadSeq);
        Assert.Equal(1, await RunVerifyAsync(app, expectLine: "seq 3"));
    }

    [Theory, Engines]
    public async Task A_removed_entry_is_found_by_audit_verify(string engine)
    {
        using var app = new TestApp(engine);
        var staff = await AdminClients.AsAsync(app, "operator");
        foreach (var capacity in new[] { 200, 210, 220 }) await ChangeSomethingAsync(app, staff, capacity);
        await using (var connection = await app.Db.OpenAsync())
        {
            await connection.ExecuteAsync(engine == "postgres"
                ? "DROP TRIGGER audit_log_no_change ON audit_log"
                : "DROP TRIGGER audit_log_no_delete");
            await connection.ExecuteAsync("DELETE FROM audit_log WHERE seq = 2");
        }
        Assert.Equal(2, (await app.Get<VerifyAuditChain>().ExecuteAsync()).FirstBadSeq);
    }

    /// <summary>Runs `Tidegate.Server.dll audit verify` over the app's database, as an operator would.</summary>
    private static async Task<int> RunVerifyAsync(TestApp app, string? expectLine = null)
    {
        using var process = new ServerProcess(new Dictionary<string, string?>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Testing",
            ["Tidegate__Database__Provider"] = app.Db.Engine.ToString().ToLowerInvariant(),
            ["Tidegate__Database__ConnectionString"] = app.Db.ConnectionString,
        }, command: ["audit", "verify"]);
        var code = await process.ExitCodeAsync(60);
        var output = string.Join("\n", process.Lines);
        if (expectLine is not null) Assert.Contains(expectLine, output);
        else Assert.Contains("audit log intact", output);
        return code;
    }
}
