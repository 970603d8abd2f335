using Tidegate.Browser.Tests.Support;

namespace Tidegate.Browser.Tests.Gates;

[Collection(BrowserCollection.Name)]
public class CongestionPageTests(Browsers browsers)
{
    [BrowserTheory]
    [InlineData("ja-JP", "館内 約3名", "10:00")]
    [InlineData("en-US", "About 3 people inside", "10:00")]
    public async Task The_congestion_page_shows_who_is_inside_and_today_by_hour(string locale, string inside, string firstHour)
    {
        using var app = new TestApp("sqlite");
        var ticket = await Gate.ConfirmedTicketAsync(app, adult: 2, child: 1);
        app.Clock.Set(Gate.SlotStart);
        var gate = await Gate.ClientWithRoleAsync(app, "gate");
        Assert.Equal("admitted", (string?)(await gate.ScanOkAsync(ticket.Code))["result"]);

        var page = await browsers.NewPageAsync(app.ClientOptions.BaseAddress.ToString(), Browsers.Phone, locale);
        await page.GotoAsync("/congestion");
        Assert.Contains(inside, await page.InnerTextAsync(".now"));
        Assert.Equal(7, await page.Locator(".hours tbody tr").CountAsync()); // 10:00 … 16:00
        Assert.Contains(firstHour, await page.InnerTextAsync(".hours tbody tr >> nth=0"));
        Assert.True(await page.FitsWidthAsync());
        await page.ShotAsync($"congestion-{locale}");
    }
}
