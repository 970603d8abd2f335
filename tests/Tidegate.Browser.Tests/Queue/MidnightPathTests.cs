using System.Text.RegularExpressions;
using static Microsoft.Playwright.Assertions;
using Tidegate.Browser.Tests.Support;
using Tidegate.Server.Tests.Queue;

namespace Tidegate.Browser.Tests.Queue;

/// <summary>
/// Issue 12, item 1: the midnight path in a real browser. Before 00:00 the day page counts down and
/// leads into the waiting room with the party and details chosen first; at 00:00 the line is
/// shuffled; the admitted visitor finds the form filled in and books in one tap, then pays.
/// </summary>
[Collection(BrowserCollection.Name)]
public class MidnightPathTests(Browsers browsers)
{
    public static TheoryData<string, string> Cases => new()
    {
        { "phone", "ja-JP" }, { "phone", "en-US" }, { "desktop", "ja-JP" }, { "desktop", "en-US" },
    };

    [BrowserTheory, MemberData(nameof(Cases))]
    public async Task A_visitor_gets_ready_before_00_00_joins_is_shuffled_admitted_and_books_in_one_tap(string size, string locale)
    {
        using var app = QueueClient.App("sqlite", rate: 10, maxOutstanding: 10);
        app.Clock.Set(new DateTimeOffset(2026, 11, 19, 23, 59, 0, TimeSpan.FromHours(9)));
        var page = await browsers.NewPageAsync(app.ClientOptions.BaseAddress.ToString(), size == "phone" ? Browsers.Phone : Browsers.Desktop, locale);
        var english = locale.StartsWith("en", StringComparison.Ordinal);
        var name = $"midnight-{size}-{locale}";
        var email = $"{size}.{locale}@example.com";

        // The calendar and the day page say when the day opens, count down, and lead into the line.
        await page.GotoAsync("/");
        await Expect(page.Locator(".opening")).ToContainTextAsync(english ? "Bookings for Sunday 20 December 2026 open at" : "2026年12月20日(日)のご予約は");
        await page.ShotAsync($"{name}-1-calendar");
        await page.GotoAsync("/day/2026-12-20");
        var before = await page.InnerTextAsync("#countdown");
        Assert.Matches(new Regex("^(1:00|0:[0-5]\\d)$"), before); // a minute to go, less whatever the page took to load
        await Expect(page.Locator("#countdown")).Not.ToHaveTextAsync(before); // it counts
        Assert.Equal("/queue/2026-12-20", await page.GetAttributeAsync("#join", "href"));
        Assert.Contains(english ? "fair random order at 00:00" : "0時に公平な抽選", await page.InnerTextAsync(".opening"));
        Assert.Equal(0, await page.Locator(".slots >> text=" + (english ? "Booking closed" : "受付終了")).CountAsync());
        Assert.Equal("", await page.InnerTextAsync("#countdown-status")); // screen readers are not told every second
        Assert.True(await page.FitsWidthAsync());
        await page.ShotAsync($"{name}-2-day-countdown");

        // Party and details first, then into the line; nothing personal goes into the address.
        await page.ClickAsync("a[href='/book/2026-12-20/10:30']");
        await page.SelectOptionAsync("#Adult", "2");
        await page.SelectOptionAsync("#Child", "1");
        await page.FillAsync("#Name", "Hanako Yamada");
        await page.FillAsync("#Email", email);
        await page.CheckAsync("#AcceptTerms");
        Assert.True(await page.FitsWidthAsync());
        await page.ShotAsync($"{name}-3-ready");
        await page.ClickAsync("#submit");
        await page.ArriveAsync(new Regex("/queue/2026-12-20\\?start=10:30$"));
        Assert.DoesNotContain("example.com", page.Url);
        Assert.DoesNotContain("Hanako", page.Url);
        await Expect(page.Locator("#place")).ToHaveTextAsync(english ? "drawn at 00:00" : "0時に抽選");
        Assert.True(await page.FitsWidthAsync());
        await page.ShotAsync($"{name}-4-waiting");

        // 00:00: the early arrivals are shuffled, admitted, and sent back to the form, filled in.
        app.Clock.Set(Tidegate.Server.Tests.Support.TestApp.DefaultStart);
        await page.ArriveAsync(new Regex("/book/2026-12-20/10:30$"));
        Assert.Equal("2", await page.InputValueAsync("#Adult"));
        Assert.Equal("1", await page.InputValueAsync("#Child"));
        Assert.Equal("Hanako Yamada", await page.InputValueAsync("#Name"));
        Assert.Equal(email, await page.InputValueAsync("#Email"));
        await Expect(page.Locator("#submit")).ToBeFocusedAsync();
        Assert.Contains(english ? "It is your turn" : "順番が来ました", await page.InnerTextAsync("#admitted"));
        await page.ShotAsync($"{name}-5-admitted");

        // One tap holds.
        await page.ClickAsync("#submit");
        await page.ArriveAsync(new Regex("/booking/[0-9a-f-]+\\?key="));
        Assert.Contains(english ? "¥6,500" : "6,500円", await page.InnerTextAsync(".summary"));
        await page.ShotAsync($"{name}-6-held");

        // And pays on the sandbox card page.
        await page.ClickAsync("form[action*='handler=Pay'] button");
        await page.ArriveAsync(new Regex("/sandbox/checkout/"));
        await page.FillAsync("#cardNumber", "4242424242424242");
        await page.ShotAsync($"{name}-7-card");
        await page.ClickAsync("button[type=submit]");
        await page.ArriveAsync(new Regex("/tickets/[0-9a-f-]+\\?key="));
        await Expect(page.Locator("img.qr")).ToBeVisibleAsync(new() { Timeout = 15000 });
        await page.ShotAsync($"{name}-8-paid");
    }

    [BrowserTheory]
    [InlineData("phone", "ja-JP")]
    [InlineData("desktop", "en-US")]
    public async Task A_visitor_still_on_the_day_page_at_00_00_is_sent_into_the_line(string size, string locale)
    {
        using var app = QueueClient.App("sqlite", rate: 10, maxOutstanding: 10);
        app.Clock.Set(new DateTimeOffset(2026, 11, 19, 23, 59, 57, TimeSpan.FromHours(9)));
        var page = await browsers.NewPageAsync(app.ClientOptions.BaseAddress.ToString(), size == "phone" ? Browsers.Phone : Browsers.Desktop, locale);
        await page.GotoAsync("/day/2026-12-20");
        await Expect(page.Locator("#countdown")).ToBeVisibleAsync();
        // At zero the page says so to screen readers and asks the server again, which sends it into the line.
        await page.ArriveAsync(new Regex("/queue/2026-12-20$"));
        await Expect(page.Locator("#place")).Not.ToHaveTextAsync("…", new() { Timeout = 15000 });
        await page.ShotAsync($"midnight-{size}-{locale}-straight-into-line");
    }
}
