using static Microsoft.Playwright.Assertions;
using System.Text.RegularExpressions;
using Tidegate.Browser.Tests.Support;
using Tidegate.Server.Tests.Queue;

namespace Tidegate.Browser.Tests.Queue;

/// <summary>The waiting room page in a real browser: joins before 00:00, is drawn at the opening, admitted, and sent on to the day's slots.</summary>
[Collection(BrowserCollection.Name)]
public class QueuePageTests(Browsers browsers)
{
    [BrowserTheory]
    [InlineData("ja-JP", "0時に抽選", "待ち時間の目安")]
    [InlineData("en-US", "drawn at 00:00", "Estimated wait")]
    public async Task A_visitor_waits_before_the_opening_and_is_admitted_to_the_day(string locale, string drawn, string wait)
    {
        using var app = QueueClient.App("sqlite", rate: 10, maxOutstanding: 10);
        // Far enough before 00:00 that a slow first page load cannot cross it (the page then asks again after about 7 s).
        app.Clock.Set(new DateTimeOffset(2026, 11, 19, 23, 59, 40, TimeSpan.FromHours(9)));
        var page = await browsers.NewPageAsync(app.ClientOptions.BaseAddress.ToString(), Browsers.Phone, locale);

        await page.GotoAsync("/queue/2026-12-20");
        await Expect(page.Locator("#place")).ToHaveTextAsync(drawn);
        Assert.Contains(wait, await page.InnerTextAsync("#wait"));
        Assert.True(await page.FitsWidthAsync());
        await page.ShotAsync($"queue-{locale}-waiting");

        // 00:00: the early arrivals are drawn, admission advances, and the page moves on by itself.
        app.Clock.Set(TestApp.DefaultStart);
        await page.WaitForURLAsync(new Regex("/day/2026-12-20$"), new() { Timeout = 30000 });
        var cookies = await page.Context.CookiesAsync();
        Assert.Contains(cookies, c => c.Name == "tg-admission" && c.Value.StartsWith("a1.", StringComparison.Ordinal));
        await page.ShotAsync($"queue-{locale}-admitted");
    }
}
