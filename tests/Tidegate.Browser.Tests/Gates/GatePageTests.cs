using Dapper;
using Microsoft.Playwright;
using Tidegate.Browser.Tests.Support;

namespace Tidegate.Browser.Tests.Gates;

/// <summary>The staff gate page in real Chromium: online scans, then offline validation, then the upload.</summary>
public class GatePageTests
{
    [BrowserTheory, Engines]
    public async Task The_gate_page_admits_online_decides_offline_and_uploads_when_back(string engine)
    {
        using var app = new TestApp(engine);
        var first = await Gate.ConfirmedTicketAsync(app);
        var second = await Gate.ConfirmedTicketAsync(app, adult: 1, child: 1);
        var cancelled = await Gate.ConfirmedTicketAsync(app);
        await using (var connection = await app.Db.OpenAsync())
            await connection.ExecuteAsync("UPDATE bookings SET status = 'cancelled' WHERE id = @BookingId", cancelled);
        app.Clock.Set(Gate.SlotStart);
        var token = app.Get<Tidegate.Server.Infrastructure.Auth.Tokens>().Issue("gate", "east-1", TimeSpan.FromDays(400));
        var baseUrl = app.CreateClient().BaseAddress!.ToString().TrimEnd('/');

        var (playwright, browser) = await HeadlessChromium.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(baseUrl + "/gate");
        await page.FillAsync("#setup-gate", "east-1");
        await page.FillAsync("#setup-token", token);
        await page.ClickAsync("#setup-save");
        await page.WaitForSelectorAsync("#mode[data-state=online]");

        // Online: a hardware scanner types the code and Enter.
        await page.FillAsync("#code", first.Code);
        await page.PressAsync("#code", "Enter");
        await page.WaitForSelectorAsync("#result[data-result=admitted][data-offline=false]");
        Assert.Contains("3", await page.TextContentAsync("#party"));
        Assert.Equal(3, await Gate.AdmittedPersonsAsync(app, first.BookingId));

        // The network drops: the page decides alone and queues.
        await context.SetOfflineAsync(true);
        await page.FillAsync("#code", second.Code);
        await page.PressAsync("#code", "Enter");
        await page.WaitForSelectorAsync("#result[data-result=admitted][data-offline=true]");
        Assert.Equal("2", await page.GetAttributeAsync("#result", "data-admitted"));

        await page.FillAsync("#code", first.Code); // used online a minute ago: the cached used list knows
        await page.PressAsync("#code", "Enter");
        await page.WaitForSelectorAsync("#result[data-result=rejected][data-reason=already_used]");

        await page.FillAsync("#code", cancelled.Code);
        await page.PressAsync("#code", "Enter");
        await page.WaitForSelectorAsync("#result[data-result=rejected][data-reason=revoked]");

        await page.FillAsync("#code", first.Code[..^4] + "AAAA"); // forged signature: WebCrypto says no
        await page.PressAsync("#code", "Enter");
        await page.WaitForSelectorAsync("#result[data-result=rejected][data-reason=invalid]");
        Assert.Equal("4", await page.TextContentAsync("#queue"));
        Assert.Equal(0, await Gate.AdmittedPersonsAsync(app, second.BookingId));

        // Back online: the queue goes up and the server counts the offline admission once.
        await context.SetOfflineAsync(false);
        await page.WaitForSelectorAsync("#mode[data-state=online]", new() { Timeout = 20_000 });
        await page.WaitForFunctionAsync("() => document.getElementById('queue').textContent === '0'", null, new() { Timeout = 20_000 });
        Assert.Equal(2, await Gate.AdmittedPersonsAsync(app, second.BookingId));
        Assert.Equal(3, await Gate.AdmittedPersonsAsync(app, first.BookingId));
        await using var db = await app.Db.OpenAsync();
        Assert.Equal(4, await db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM gate_scans WHERE offline = 1"));
        Assert.Equal(0, await db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM gate_conflicts"));
    }
}
