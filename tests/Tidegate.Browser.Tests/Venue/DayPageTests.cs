using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Tidegate.Browser.Tests.Support;
using Tidegate.Server.Tests.Support;

namespace Tidegate.Browser.Tests.Venue;

/// <summary>
/// Issue 12, item 7: the day page groups its slots by hour so a whole day fits two phone screens
/// (28 stacked cards made it 3,450 px tall), says the day's prices with tax and why weekends cost
/// more, and shows slots that have ended in their own words and look, never as links.
/// </summary>
[Collection(BrowserCollection.Name)]
public class DayPageTests(Browsers browsers)
{
    public static TheoryData<int, int, string> Sizes => new()
    {
        { 360, 740, "ja-JP" }, { 360, 740, "en-US" }, { 390, 844, "ja-JP" }, { 390, 844, "en-US" },
        { 1280, 900, "ja-JP" }, { 1280, 900, "en-US" },
    };

    [BrowserTheory, MemberData(nameof(Sizes))]
    public async Task The_day_is_a_row_per_hour_and_fits_two_phone_screens(int width, int height, string locale)
    {
        using var app = new TestApp("sqlite");
        var english = locale.StartsWith("en", StringComparison.Ordinal);
        var page = await browsers.NewPageAsync(app.ClientOptions.BaseAddress.ToString(), ($"w{width}", width, height), locale);
        await page.GotoAsync("/day/2026-12-20");

        Assert.Equal(7, await page.Locator(".hour-row").CountAsync()); // 10時台 … 16時台
        Assert.Equal(4, await page.Locator(".hour-row >> nth=0 >> a.q").CountAsync());
        Assert.Equal(28, await page.Locator("a.q[href^='/book/2026-12-20/']").CountAsync());
        // The four quarters of an hour sit side by side, each a real link of at least 44 px.
        var boxes = new List<LocatorBoundingBoxResult>();
        foreach (var link in await page.Locator(".hour-row >> nth=0 >> a.q").AllAsync()) boxes.Add((await link.BoundingBoxAsync())!);
        Assert.All(boxes, box => Assert.Equal(boxes[0].Y, box.Y, 1));
        Assert.All(boxes, box => Assert.True(box.Height >= 44, $"a slot is {box.Height} px tall"));
        Assert.Contains(english ? "10:00" : "10時台", await page.InnerTextAsync(".hour-row >> nth=0"));
        Assert.Contains(english ? "270 left" : "残り270", await page.InnerTextAsync("a[href='/book/2026-12-20/10:30']"));

        var total = await page.EvaluateAsync<int>("() => document.documentElement.scrollHeight");
        if (width < 500) Assert.True(total <= 1500, $"the day page is {total} px tall at {width}×{height}");
        await page.AssertFitsAsync(($"w{width}", width, height));

        // Sunday: the prices say tax included and why they are the weekend's.
        var prices = await page.InnerTextAsync("#prices");
        Assert.Contains(english ? "tax included" : "税込", prices);
        Assert.Contains(english ? "¥2,600" : "2,600円", prices);
        Assert.Contains(english ? "Weekend and holiday prices apply" : "土日祝は休日料金です", prices);
        if (english) Assert.Contains("Japan time", await page.InnerTextAsync("main"));
        await page.ShotAsync($"words-day-{locale}-{width}x{height}");

        // A weekday says its prices are the weekday's.
        await page.GotoAsync("/day/2026-12-18");
        Assert.Contains(english ? "Weekday prices" : "平日料金です", await page.InnerTextAsync("#prices"));
        Assert.Contains(english ? "¥2,400" : "2,400円", await page.InnerTextAsync("#prices"));
        await page.Context.CloseAsync();
    }

    [BrowserTheory]
    [InlineData(360, "ja-JP")]
    [InlineData(360, "en-US")]
    [InlineData(1280, "ja-JP")]
    [InlineData(1280, "en-US")]
    public async Task Slots_that_have_ended_today_say_so_and_are_not_links(int width, string locale)
    {
        using var app = new TestApp("sqlite");
        var english = locale.StartsWith("en", StringComparison.Ordinal);
        app.Clock.Set(new DateTimeOffset(2026, 11, 20, 12, 5, 0, TimeSpan.FromHours(9)));
        var page = await browsers.NewPageAsync(app.ClientOptions.BaseAddress.ToString(), ($"w{width}", width, 900), locale);
        await page.GotoAsync("/day/2026-11-20");

        // 10:00 … 11:45 ended: their own word and look, no link; 12:00 can still be booked until it ends (SPEC §3).
        var ended = page.Locator(".quarter.ended");
        Assert.Equal(8, await ended.CountAsync());
        Assert.Equal(0, await page.Locator(".quarter.ended a").CountAsync());
        Assert.Equal(8, await page.Locator(".quarter.ended .badge").GetByText(english ? "Ended" : "受付終了", new() { Exact = true }).CountAsync());
        Assert.Equal(0, await page.Locator("a[href='/book/2026-11-20/11:45']").CountAsync());
        Assert.Equal(1, await page.Locator("a[href='/book/2026-11-20/12:00']").CountAsync());
        Assert.Equal(20, await page.Locator("a.q").CountAsync());
        // They look unlike a bookable slot: no coloured border, a dashed one.
        Assert.Equal("dashed", await ended.First.Locator(".q").EvaluateAsync<string>("e => getComputedStyle(e).borderTopStyle"));
        Assert.NotEqual("dashed", await page.Locator("a.q").First.EvaluateAsync<string>("e => getComputedStyle(e).borderTopStyle"));
        await page.AssertFitsAsync(($"w{width}", width, 900));
        await page.ShotAsync($"words-day-today-past-{locale}-{width}");
        await page.Context.CloseAsync();
    }

    [BrowserTheory]
    [InlineData(360, "ja-JP")]
    [InlineData(360, "en-US")]
    [InlineData(1280, "ja-JP")]
    [InlineData(1280, "en-US")]
    public async Task Not_yet_open_and_full_slots_keep_their_own_words_and_look_in_the_rows(int width, string locale)
    {
        using var app = new TestApp("sqlite");
        var english = locale.StartsWith("en", StringComparison.Ordinal);
        var page = await browsers.NewPageAsync(app.ClientOptions.BaseAddress.ToString(), ($"w{width}", width, 900), locale);
        // Opens in two days: every slot says so, none is a link.
        await page.GotoAsync("/day/2026-12-22");
        Assert.Equal(28, await page.Locator(".quarter.closed .badge-notyet").GetByText(english ? "Not open yet" : "受付前", new() { Exact = true }).CountAsync());
        Assert.Equal(0, await page.Locator("a.q").CountAsync());
        await page.AssertFitsAsync(($"w{width}", width, 900));
        await page.ShotAsync($"words-day-notyet-{locale}-{width}");

        // A full slot today among bookable ones.
        await Tidegate.Server.Tests.Booking.PageClient.FillSlotAsync(app, new DateOnly(2026, 11, 20), 16 * 60 + 45);
        await page.GotoAsync("/day/2026-11-20");
        var full = page.Locator(".quarter.closed .badge-full");
        Assert.Equal(english ? "Full" : "満員", await full.InnerTextAsync());
        Assert.Equal(0, await page.Locator("a[href='/book/2026-11-20/16:45']").CountAsync());
        Assert.Equal(27, await page.Locator("a.q").CountAsync());
        await page.ShotAsync($"words-day-full-{locale}-{width}");
        await page.Context.CloseAsync();
    }

    [BrowserTheory]
    [InlineData(360, "ja-JP")]
    [InlineData(360, "en-US")]
    [InlineData(1280, "ja-JP")]
    [InlineData(1280, "en-US")]
    public async Task The_calendar_says_prices_include_tax_and_why_weekends_cost_more(int width, string locale)
    {
        using var app = new TestApp("sqlite");
        var english = locale.StartsWith("en", StringComparison.Ordinal);
        var page = await browsers.NewPageAsync(app.ClientOptions.BaseAddress.ToString(), ($"w{width}", width, 900), locale);
        await page.GotoAsync("/");
        var prices = await page.InnerTextAsync("#prices");
        Assert.Contains(english ? "tax included" : "税込", prices);
        Assert.Contains(english ? "Weekend and holiday prices apply" : "土日祝は休日料金", prices);
        Assert.Contains(english ? "¥2,400" : "2,400円", prices);
        Assert.Contains(english ? "¥2,600" : "2,600円", prices);
        if (english) Assert.Contains("Japan time", await page.InnerTextAsync("main"));
        await page.AssertFitsAsync(($"w{width}", width, 900));
        await page.ShotAsync($"words-calendar-{locale}-{width}");
        await page.Context.CloseAsync();
    }
}
