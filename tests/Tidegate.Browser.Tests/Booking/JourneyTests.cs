using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;
using Tidegate.Browser.Tests.Support;
using Tidegate.Server.Tests.Support;

namespace Tidegate.Browser.Tests.Booking;

/// <summary>A guest books from the home page to the held booking, on a phone and a desktop, in both languages.</summary>
[Collection(BrowserCollection.Name)]
public class JourneyTests(Browsers browsers)
{
    public static TheoryData<string, string> Cases => new()
    {
        { "phone", "ja-JP" }, { "phone", "en-US" }, { "desktop", "ja-JP" }, { "desktop", "en-US" },
    };

    [BrowserTheory, MemberData(nameof(Cases))]
    public async Task A_guest_goes_from_the_calendar_to_a_held_booking(string size, string locale)
    {
        using var app = new TestApp("sqlite");
        var page = await browsers.NewPageAsync(app.ClientOptions.BaseAddress.ToString(), size == "phone" ? Browsers.Phone : Browsers.Desktop, locale);
        var name = $"journey-{size}-{locale}";
        var english = locale.StartsWith("en");

        await page.GotoAsync("/");
        Assert.Equal(english ? "Choose your day" : "来館日を選ぶ", await page.InnerTextAsync("h1"));
        Assert.True(await page.FitsWidthAsync());
        await page.ShotAsync($"{name}-1-calendar");

        await page.ClickAsync("a[rel=next]");
        await page.ClickAsync("a[href='/day/2026-12-20']");
        Assert.True(await page.FitsWidthAsync());
        await page.ShotAsync($"{name}-2-day");

        await page.ClickAsync("a[href='/book/2026-12-20/10:30']");
        await page.SelectOptionAsync("#Adult", "2");
        await page.SelectOptionAsync("#Child", "1");
        Assert.Contains(english ? "¥6,500" : "6,500円", await page.InnerTextAsync("#total"));
        await page.FillAsync("#Name", "Hanako Yamada");
        await page.FillAsync("#Email", $"{size}.{locale}@example.com");
        await page.CheckAsync("#AcceptTerms");
        Assert.True(await page.FitsWidthAsync());
        await page.ShotAsync($"{name}-3-party");

        await page.ClickAsync("button[type=submit]");
        await page.ArriveAsync(new Regex("/booking/[0-9a-f-]+\\?key="));
        Assert.Equal(english ? "Payment" : "お支払い", await page.InnerTextAsync("h1"));
        Assert.Matches(new Regex("^(10|9):\\d\\d$"), await page.InnerTextAsync("#left"));
        Assert.Contains(english ? "¥6,500" : "6,500円", await page.InnerTextAsync(".summary"));
        Assert.True(await page.FitsWidthAsync());
        await page.ShotAsync($"{name}-4-held");
        // The ticket email will be written in the language the visitor booked in.
        await using (var connection = await app.Db.OpenAsync())
            Assert.Equal(english ? "en" : "ja", await Dapper.SqlMapper.ExecuteScalarAsync<string>(connection, "SELECT language FROM bookings"));

        // The provider's card page: a declined card first, then a good one.
        await page.ClickAsync("form[action*='handler=Pay'] button");
        await page.ArriveAsync(new Regex("/sandbox/checkout/"));
        await page.FillAsync("#cardNumber", "4000000000000002");
        await page.ClickAsync("button[type=submit]");
        await Expect(page.Locator(".error")).ToContainTextAsync(english ? "declined" : "承認されませんでした");
        await page.ShotAsync($"{name}-5-declined");
        await page.FillAsync("#cardNumber", "4242424242424242");
        await page.ClickAsync("button[type=submit]");

        // Back on the site, the booking becomes the ticket page with the QR.
        await page.ArriveAsync(new Regex("/tickets/[0-9a-f-]+\\?key="));
        await Expect(page.Locator("img.qr")).ToBeVisibleAsync(new() { Timeout = 15000 });
        Assert.True(await page.EvaluateAsync<bool>("() => document.querySelector('img.qr').naturalWidth > 0"), "the QR image loads");
        Assert.Contains(english ? "Entry QR code" : "入場用QRコード", await page.GetAttributeAsync("img.qr", "alt"));
        Assert.Contains(english ? "Entry window" : "入場可能時間", await page.InnerTextAsync(".summary"));
        Assert.True(await page.FitsWidthAsync());
        await page.ShotAsync($"{name}-6-ticket");

        // Cancel from the ticket page: a second, explicit tap, then the refund is stated.
        await page.ClickAsync("a[href*='/cancel?key=']");
        Assert.Contains(english ? "¥6,500" : "6,500円", await page.InnerTextAsync("main"));
        await page.ShotAsync($"{name}-7-cancel");
        await page.ClickAsync("button.danger");
        await Expect(page.Locator("[role=status]")).ToContainTextAsync(english ? "cancelled" : "キャンセルされました");
        Assert.Contains(english ? "refunded" : "返金", await page.InnerTextAsync("main"));
        Assert.Equal(0, await page.Locator("img.qr").CountAsync());
        await page.ShotAsync($"{name}-8-cancelled");
    }

    [BrowserFact]
    public async Task The_language_switch_changes_the_site_to_english_and_back()
    {
        using var app = new TestApp("sqlite");
        var page = await browsers.NewPageAsync(app.ClientOptions.BaseAddress.ToString(), Browsers.Phone, "ja-JP");
        await page.GotoAsync("/day/2026-12-20");
        Assert.Contains("残り", await page.InnerTextAsync(".slots"));
        await page.ClickAsync("a[hreflang=en]");
        await Expect(page.Locator(".slots")).ToContainTextAsync("270 left");
        Assert.EndsWith("/day/2026-12-20", page.Url);
        await page.ClickAsync("a[hreflang=ja]");
        await Expect(page.Locator(".slots")).ToContainTextAsync("残り");
    }

    [BrowserFact]
    public async Task The_core_journey_works_without_javascript()
    {
        using var app = new TestApp("sqlite");
        var context = await browsers.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = app.ClientOptions.BaseAddress.ToString(), JavaScriptEnabled = false, Locale = "en-US",
            ViewportSize = new ViewportSize { Width = 360, Height = 740 },
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/book/2026-12-20/11:00");
        await page.SelectOptionAsync("#Adult", "0");
        await page.FillAsync("#Name", "No Script");
        await page.FillAsync("#Email", "noscript@example.com");
        await page.CheckAsync("#AcceptTerms");
        await page.ClickAsync("button[type=submit]");
        // The server says why in words and keeps what was entered.
        await Expect(page.Locator("[role=alert]")).ToContainTextAsync("between 1 and 10 people");
        Assert.Equal("noscript@example.com", await page.InputValueAsync("#Email"));

        await page.SelectOptionAsync("#Adult", "1");
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(new Regex("/booking/"));
        Assert.Equal("Payment", await page.InnerTextAsync("h1"));
    }
}
