using Tidegate.Browser.Tests.Support;

namespace Tidegate.Browser.Tests.StaffConsole;

/// <summary>The console's sign-in and Today pages in Chromium, at a phone, a tablet and a desktop, in both languages.</summary>
[Collection(BrowserCollection.Name)]
public class ConsoleShellPageTests(Browsers browsers)
{
    [BrowserTheory]
    [InlineData("ja-JP", "スタッフ サインイン", "本日の状況")]
    [InlineData("en-US", "Staff sign-in", "Today, ")]
    public async Task An_operator_signs_in_with_a_code_and_sees_today(string locale, string signInHeading, string todayHeading)
    {
        using var app = new TestApp("sqlite");
        var ticket = await Gate.ConfirmedTicketAsync(app);
        app.Clock.Set(Gate.SlotStart.AddMinutes(5));
        var gate = await Gate.ClientWithRoleAsync(app, "gate", "east-1");
        await gate.ScanOkAsync(ticket.Code, "east-1");
        var offline = await Gate.ClientWithRoleAsync(app, "gate", "west-1");
        await offline.ScanOkAsync(ticket.Code, "west-1", admit: 3, nonce: "w1-0001", scannedAt: Gate.SlotStart.AddMinutes(2), offlineResult: "admitted");

        foreach (var size in Browsers.ConsoleSizes)
        {
            var page = await browsers.NewPageAsync(app.ClientOptions.BaseAddress.ToString(), size, locale);
            await page.GotoAsync("/console");
            await page.ArriveAsync(new System.Text.RegularExpressions.Regex("/console/sign-in"));
            Assert.Equal(signInHeading, await page.InnerTextAsync("h1"));
            Assert.True(await page.FitsWidthAsync());
            await page.ShotAsync($"console-sign-in-{locale}-{size.Width}");

            await page.SignInToConsoleAsync(app, "operator");
            Assert.Contains(todayHeading, await page.InnerTextAsync("h1"));
            Assert.Equal(1, await page.Locator("li.conflict").CountAsync());
            Assert.True(await page.FitsWidthAsync());
            await page.ShotAsync($"console-today-{locale}-{size.Width}");
            await page.Context.CloseAsync();
        }
    }

    [BrowserFact]
    public async Task An_operator_resolves_a_gate_conflict_with_a_note()
    {
        using var app = new TestApp("sqlite");
        var ticket = await Gate.ConfirmedTicketAsync(app);
        app.Clock.Set(Gate.SlotStart.AddMinutes(5));
        await (await Gate.ClientWithRoleAsync(app, "gate", "east-1")).ScanOkAsync(ticket.Code, "east-1");
        await (await Gate.ClientWithRoleAsync(app, "gate", "west-1"))
            .ScanOkAsync(ticket.Code, "west-1", admit: 3, nonce: "w1-0002", scannedAt: Gate.SlotStart.AddMinutes(2), offlineResult: "admitted");

        var page = await browsers.NewPageAsync(app.ClientOptions.BaseAddress.ToString(), Browsers.Tablet, "ja-JP");
        await page.SignInToConsoleAsync(app, "operator");
        await page.FillAsync("li.conflict input[name=Note]", "ご家族の再入場を確認");
        await page.ClickAsync("li.conflict button[value=admit]");
        await page.WaitForSelectorAsync("details summary");
        Assert.Equal(0, await page.Locator("li.conflict").CountAsync());
        Assert.Contains("ご家族の再入場を確認", await page.TextContentAsync("details"));
        await page.ShotAsync("console-today-resolved-ja-JP-768");
    }
}
