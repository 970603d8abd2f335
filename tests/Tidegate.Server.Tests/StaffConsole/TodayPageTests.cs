using Tidegate.Server.Tests.Staff;

namespace Tidegate.Server.Tests.StaffConsole;

/// <summary>The console's Today page: the day's figures from real scans and sales, and conflicts resolved once, audited.</summary>
public class TodayPageTests
{
    [Theory, Engines]
    public async Task Today_counts_entries_and_refusals_by_slot_and_resolves_a_gate_conflict_once(string engine)
    {
        using var app = new TestApp(engine);
        var ticket = await Gate.ConfirmedTicketAsync(app);
        app.Clock.Set(Gate.SlotStart.AddMinutes(10));
        var online = await Gate.ClientWithRoleAsync(app, "gate", "east-1");
        var offline = await Gate.ClientWithRoleAsync(app, "gate", "west-1");
        await online.ScanOkAsync(ticket.Code, "east-1");
        // West-1 was offline and let the same party in; its upload is refused and flagged.
        await offline.ScanOkAsync(ticket.Code, "west-1", admit: 3, nonce: "w1-0001", scannedAt: Gate.SlotStart.AddMinutes(2), offlineResult: "admitted");

        var console = await app.ConsoleAsync("operator");
        var html = await console.GetPageAsync("/console");
        Assert.Contains("本日の状況", html);
        Assert.Matches(@"<th scope=""row"">10:30</th>\s*<td class=""num"">3</td><td class=""num"">3</td><td class=""num"">1</td>", html);
        Assert.Contains("使用済みのチケット", html);
        var conflictId = System.Text.RegularExpressions.Regex.Match(html, "name=\"ConflictId\" value=\"([^\"]+)\"").Groups[1].Value;

        var resolved = await console.PostFormAsync("/console?handler=Resolve", new { ConflictId = conflictId, Resolution = "ignore", Note = "同じ家族が再入場" });
        Assert.Equal(HttpStatusCode.Redirect, resolved.StatusCode);
        var after = await console.GetPageAsync("/console");
        Assert.DoesNotContain("name=\"ConflictId\"", after);
        Assert.Contains("同じ家族が再入場", after);

        var again = await console.PostFormAsync("/console?handler=Resolve", new { ConflictId = conflictId, Resolution = "admit", Note = "" });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("すでに対応しました", await again.Content.ReadAsStringAsync());

        var admin = await app.DevAsync("admin");
        var audit = await admin.GetAsync("/api/v1/admin/audit").ExpectJson(HttpStatusCode.OK);
        var entry = Assert.Single(audit["items"]!.AsArray(), e => (string)e!["action"]! == "gate_conflict.ignore")!;
        Assert.Equal(conflictId, (string)entry["target"]!);
        Assert.Equal("operator", (string)entry["role"]!);
    }

    [Theory, Engines]
    public async Task An_analyst_reads_today_but_may_not_resolve_and_the_api_resolves_with_the_same_rule(string engine)
    {
        using var app = new TestApp(engine);
        var analyst = await app.ConsoleAsync("analyst");
        var html = await analyst.GetPageAsync("/console");
        Assert.DoesNotContain("/console/staff", html); // the menu shows what the role may open
        var refused = await analyst.PostFormAsync("/console?handler=Resolve", new { ConflictId = "any", Resolution = "ignore" });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);

        var operatorApi = await app.DevAsync("operator");
        await operatorApi.PostJson("/api/v1/gate/conflicts/nope/resolution", new { action = "ignore", note = "" })
            .ExpectProblem(HttpStatusCode.NotFound, "not_found");
        await operatorApi.PostJson("/api/v1/gate/conflicts/nope/resolution", new { action = "forgive", note = "" })
            .ExpectProblem(HttpStatusCode.BadRequest, "invalid_request");
        var gate = await Gate.ClientWithRoleAsync(app, "gate");
        await gate.PostJson("/api/v1/gate/conflicts/nope/resolution", new { action = "ignore" }).ExpectProblem(HttpStatusCode.Forbidden, "forbidden");
    }
}
