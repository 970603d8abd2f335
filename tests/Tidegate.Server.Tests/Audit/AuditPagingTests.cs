using Tidegate.Server.Features.Audit;

namespace Tidegate.Server.Tests.Audit;

/// <summary>The audit log a page at a time: newest first, keyset paging that entries appended meanwhile never shift.</summary>
public class AuditPagingTests
{
    [Theory, Engines]
    public async Task Pages_go_from_newest_to_oldest_and_new_entries_do_not_shift_them(string engine)
    {
        using var app = new TestApp(engine);
        var audit = app.Get<AuditLog>();
        for (var i = 1; i <= 7; i++) await audit.AppendAsync(new AuditEvent("op-sato", "operator", "test.step", $"t{i}"));
        var read = app.Get<GetAuditLog>();

        var first = await read.ExecuteAsync(new GetAuditLog.Query(PageSize: 3), CancellationToken.None);
        Assert.Equal(["t7", "t6", "t5"], first.Value!.Items.Select(i => i.Target));
        await audit.AppendAsync(new AuditEvent("op-sato", "operator", "test.step", "t8"));
        var second = await read.ExecuteAsync(new GetAuditLog.Query(Before: first.Value.Older, PageSize: 3), CancellationToken.None);
        Assert.Equal(["t4", "t3", "t2"], second.Value!.Items.Select(i => i.Target));
        var last = await read.ExecuteAsync(new GetAuditLog.Query(Before: second.Value.Older, PageSize: 3), CancellationToken.None);
        Assert.Equal(["t1"], last.Value!.Items.Select(i => i.Target));
        Assert.Null(last.Value.Older);

        var admin = await AdminClients.AsAsync(app, "admin");
        var api = await admin.GetAsync($"/api/v1/admin/audit?before={first.Value.Older}").ExpectJson(HttpStatusCode.OK);
        Assert.Equal(["t4", "t3", "t2", "t1"], api["items"]!.AsArray().Select(i => (string)i!["target"]!));
        Assert.Null(api["older"]);
        var (actors, actions) = await read.FiltersAsync(CancellationToken.None);
        Assert.Equal(["op-sato"], actors);
        Assert.Equal(["test.step"], actions);
    }
}
