using Tidegate.Browser.Tests.Support;

namespace Tidegate.Browser.Tests.Gates;

[Collection(BrowserCollection.Name)]
public class CongestionPageTests(Browsers browsers)
{
    [BrowserTheory]
    [InlineData("ja-JP", "館内 約3名")]
    [InlineData("en-US", "About 3 people inside")]
    public async Task The_congestion_page_shows_who_is_inside_and_today_by_hour(string locale, string inside)
    {
        using var app = new TestApp("sqlite");
        var ticket = await Gate.ConfirmedTicketAsync(app, adult: 2, child: 1);
        app.Clock.Set(Gate.SlotStart);
        var gate = await Gate.ClientWithRoleAsync(app, "gate");
        Assert.Equal("admitted", (string?)(await gate.ScanOkAsync(ticket.Code))["result"]);

        var page = await browsers.NewPageAsync(app.ClientOptions.BaseAddress.ToString(), Browsers.Phone, locale);
        await page.GotoAsync("/congestion");
        Assert.Contains(inside, await page.InnerTextAsync(".now"));
        // Every opening hour of the day, 10:00 … 17:00 (open until 18:00), not only the hours with entry slots.
        Assert.Equal(8, await page.Locator(".hours tbody tr").CountAsync());
        Assert.Contains("10:00", await page.InnerTextAsync(".hours tbody tr >> nth=0"));
        Assert.Contains("17:00", await page.InnerTextAsync(".hours tbody tr >> nth=7"));
        Assert.True(await page.FitsWidthAsync());
        await page.ShotAsync($"congestion-{locale}");
    }

    public static TheoryData<int, string, int, string> ClosedCases => new()
    {
        // 23:41: closed now, next open tomorrow (Saturday 21 November).
        { 360, "ja-JP", 23 * 60 + 41, "次の開館は11月21日(土) 10:00〜18:00です。" },
        { 360, "en-US", 23 * 60 + 41, "Next open Sat 21 Nov, 10:00–18:00 (Japan time)." },
        { 1280, "ja-JP", 23 * 60 + 41, "次の開館は11月21日(土) 10:00〜18:00です。" },
        { 1280, "en-US", 23 * 60 + 41, "Next open Sat 21 Nov, 10:00–18:00 (Japan time)." },
        // 08:30: closed now, opens later today.
        { 360, "ja-JP", 8 * 60 + 30, "本日の開館時間は10:00〜18:00です。" },
        { 1280, "en-US", 8 * 60 + 30, "Open today 10:00–18:00 (Japan time)." },
    };

    [BrowserTheory, MemberData(nameof(ClosedCases))]
    public async Task Outside_opening_hours_the_page_says_closed_now_and_when_it_opens(int width, string locale, int minute, string opens)
    {
        using var app = new TestApp("sqlite");
        var english = locale.StartsWith("en", StringComparison.Ordinal);
        app.Clock.Set(new DateTimeOffset(2026, 11, 20, minute / 60, minute % 60, 0, TimeSpan.FromHours(9)));
        var page = await browsers.NewPageAsync(app.ClientOptions.BaseAddress.ToString(), ($"w{width}", width, 900), locale);
        await page.GotoAsync("/congestion");
        var now = await page.InnerTextAsync(".now");
        Assert.Contains(english ? "Closed now" : "閉館中", now);
        Assert.DoesNotContain(english ? "Quiet" : "空いています", now);
        Assert.Equal(opens, await page.InnerTextAsync("#next-open"));
        Assert.Equal(8, await page.Locator(".hours tbody tr").CountAsync());
        // Late at night the hourly table is the next opening day's, not the day that is over.
        Assert.Contains(minute > 12 * 60 ? (english ? "Sat 21 Nov" : "11月21日(土)") : (english ? "Today" : "本日"), await page.InnerTextAsync("#table-title"));
        await page.AssertFitsAsync(($"w{width}", width, 900));
        await page.ShotAsync($"words-congestion-closed-{locale}-{width}-{minute / 60:00}{minute % 60:00}");
        await page.Context.CloseAsync();
    }
}
