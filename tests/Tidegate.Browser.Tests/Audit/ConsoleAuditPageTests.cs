using Tidegate.Browser.Tests.Support;
using Tidegate.Server.Features.Audit;

namespace Tidegate.Browser.Tests.Audit;

/// <summary>The console's audit log in Chromium: read, filtered by person and action, the chain's verdict shown.</summary>
[Collection(BrowserCollection.Name)]
public class ConsoleAuditPageTests(Browsers browsers)
{
    [BrowserTheory]
    [InlineData("ja-JP", "操作記録", "端末登録")]
    [InlineData("en-US", "Audit log", "Device registered")]
    public async Task An_admin_reads_and_filters_the_audit_log(string locale, string heading, string registered)
    {
        using var app = new TestApp("sqlite");
        var audit = app.Get<AuditLog>();
        await audit.AppendAsync(new AuditEvent("op-sato", "operator", "device.registered", "dev-1", "kind=gate lane=east-1 name=East"));
        await audit.AppendAsync(new AuditEvent("op-sato", "operator", "capacity.changed", "2026-12-20 10:30", "capacity 200"));
        await audit.AppendAsync(new AuditEvent("op-ito", "operator", "device.revoked", "dev-1"));

        foreach (var size in Browsers.ConsoleSizes)
        {
            var page = await browsers.NewPageAsync(app.ClientOptions.BaseAddress.ToString(), size, locale);
            await page.SignInToConsoleAsync(app, "admin");
            await page.GotoAsync("/console/audit");
            Assert.Equal(heading, await page.InnerTextAsync("h1"));
            Assert.Equal(1, await page.Locator("[data-chain=intact]").CountAsync());
            // Those three, and the staff.created entries of the admins these tests made to sign in.
            Assert.Equal(3, await page.Locator("tr[data-seq]:not([data-action='staff.created'])").CountAsync());
            await page.AssertFitsAsync(size);
            await page.ShotAsync($"console-audit-{locale}-{size.Width}");

            await page.SelectOptionAsync("#person", "op-sato");
            await page.SelectOptionAsync("#action", "device.registered");
            await page.ClickAsync("form.filters button[type=submit]");
            await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("person=op-sato"));
            var rows = page.Locator("tr[data-seq]");
            Assert.Equal(1, await rows.CountAsync());
            Assert.Contains(registered, await rows.InnerTextAsync());
            Assert.Equal("op-sato", await page.InputValueAsync("#person")); // the filter stays chosen
            await page.AssertFitsAsync(size);
            await page.ShotAsync($"console-audit-filtered-{locale}-{size.Width}");
            await page.Context.CloseAsync();
        }
    }
}
