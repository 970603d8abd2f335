using System.Text.RegularExpressions;
using Dapper;
using Tidegate.Server.Features.Audit;
using Tidegate.Server.Tests.Staff;

namespace Tidegate.Server.Tests.Audit;

/// <summary>/console/audit (admin): the log newest first, filtered by person, action and date, paged, with the chain's verdict.</summary>
public partial class ConsoleAuditTests
{
    private const string PagePath = "/console/audit";

    [GeneratedRegex("data-seq=\"(\\d+)\" data-action=\"([a-z._]+)\"")]
    private static partial Regex Row();

    private static List<(long Seq, string Action)> Rows(string html) =>
        Row().Matches(html).Select(m => (long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), m.Groups[2].Value)).ToList();

    [Theory, Engines]
    public async Task Only_an_admin_opens_the_audit_log(string engine)
    {
        using var app = new TestApp(engine);
        await ConsoleAccess.ExpectAsync(app, PagePath, allowed: ["admin"], refused: ["operator", "analyst"]);
    }

    [Theory, Engines]
    public async Task The_log_filters_by_person_action_and_date_and_names_staff(string engine)
    {
        using var app = new TestApp(engine);
        var me = await app.ReadyStaffAsync("admin");
        var audit = app.Get<AuditLog>();
        await audit.AppendAsync(new AuditEvent("op-sato", "operator", "capacity.changed", "2026-12-20 10:30"));
        app.Clock.Advance(TimeSpan.FromDays(1)); // 2026-11-21 venue time
        await audit.AppendAsync(new AuditEvent("op-sato", "operator", "calendar.changed", "2026-12-24"));
        await audit.AppendAsync(new AuditEvent(me.StaffId, "admin", "device.revoked", "dev-1"));
        var console = await ConsoleAccess.SignInAsync(app, me);

        var all = await console.GetPageAsync(PagePath);
        Assert.Contains("data-chain=\"intact\"", all);
        var rows = Rows(all);
        Assert.Equal(rows.OrderByDescending(r => r.Seq), rows); // newest first
        Assert.Contains(("device.revoked"), rows.Select(r => r.Action));
        Assert.Contains("Test admin", all); // the staff id shown as the person's name

        Assert.Equal(["calendar.changed", "capacity.changed"], Rows(await console.GetPageAsync(PagePath + "?person=op-sato")).Select(r => r.Action));
        Assert.Equal(["calendar.changed"], Rows(await console.GetPageAsync(PagePath + "?action=calendar.changed")).Select(r => r.Action));
        var firstDay = Rows(await console.GetPageAsync(PagePath + "?person=op-sato&from=2026-11-20&to=2026-11-20"));
        Assert.Equal(["capacity.changed"], firstDay.Select(r => r.Action));
        Assert.Equal(["calendar.changed"], Rows(await console.GetPageAsync(PagePath + "?person=op-sato&from=2026-11-21")).Select(r => r.Action));

        var bad = await console.Http.GetAsync(PagePath + "?from=tomorrow");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("role=\"alert\">開始日を正しく入力してください。", await bad.Content.ReadAsStringAsync());
    }

    [Theory, Engines]
    public async Task The_log_pages_from_newest_to_oldest_and_says_when_the_chain_is_broken(string engine)
    {
        using var app = new TestApp(engine);
        var console = await app.ConsoleAsync("admin");
        var audit = app.Get<AuditLog>();
        for (var i = 0; i < 60; i++) await audit.AppendAsync(new AuditEvent("op-sato", "operator", "test.step", $"t{i}"));

        var first = await console.GetPageAsync(PagePath + "?action=test.step");
        Assert.Equal(50, Rows(first).Count);
        var older = Regex.Match(first, "href=\"([^\"]+)\" rel=\"next\"").Groups[1].Value.Replace("&amp;", "&");
        Assert.Contains("action=test.step", older);
        var second = Rows(await console.GetPageAsync(older));
        Assert.Equal(10, second.Count);
        Assert.True(second.Max(r => r.Seq) < Rows(first).Min(r => r.Seq));

        await using (var connection = await app.Db.OpenAsync())
        {
            await connection.ExecuteAsync(engine == "postgres" ? "DROP TRIGGER audit_log_no_change ON audit_log" : "DROP TRIGGER audit_log_no_update");
            await connection.ExecuteAsync("UPDATE audit_log SET target = 'rewritten' WHERE seq = 7");
        }
        var broken = await console.GetPageAsync(PagePath);
        Assert.Contains("data-chain=\"broken\"", broken);
        Assert.Contains("番号 7 以降", broken);
    }
}
