using System.Text.RegularExpressions;
using Dapper;
using static Microsoft.Playwright.Assertions;
using Tidegate.Browser.Tests.Support;
using Tidegate.Server.Tests.Support;

namespace Tidegate.Browser.Tests.Booking;

/// <summary>
/// Issue 12, item 2: Back after "hold and pay" shows the visitor's own hold, with the way on to
/// payment, and changing the party releases that hold and holds the new one (no "already booked").
/// </summary>
[Collection(BrowserCollection.Name)]
public class HoldReturnPageTests(Browsers browsers)
{
    public static TheoryData<string, string> Cases => new()
    {
        { "phone", "ja-JP" }, { "phone", "en-US" }, { "desktop", "ja-JP" }, { "desktop", "en-US" },
    };

    [BrowserTheory, MemberData(nameof(Cases))]
    public async Task Back_after_holding_offers_continue_or_release_and_change(string size, string locale)
    {
        using var app = new TestApp("sqlite");
        var page = await browsers.NewPageAsync(app.ClientOptions.BaseAddress.ToString(), size == "phone" ? Browsers.Phone : Browsers.Desktop, locale);
        var english = locale.StartsWith("en", StringComparison.Ordinal);
        var name = $"hold-return-{size}-{locale}";

        await page.GotoAsync("/book/2026-12-20/10:30");
        await page.SelectOptionAsync("#Adult", "3");
        await page.FillAsync("#Name", "Hanako Yamada");
        await page.FillAsync("#Email", $"{size}.{locale}@example.com");
        await page.CheckAsync("#AcceptTerms");
        await page.ClickAsync("#submit");
        await page.ArriveAsync(new Regex("/booking/[0-9a-f-]+\\?key="));
        var firstHold = page.Url;
        await page.ShotAsync($"{name}-1-held");

        // Back: the form shows the hold, its party, and the way on to payment.
        await page.GoBackAsync();
        await Expect(page.Locator("#pending")).ToBeVisibleAsync();
        Assert.Contains(english ? "Continue to payment" : "お支払いへ進む", await page.InnerTextAsync("#continue"));
        Assert.Equal("3", await page.InputValueAsync("#Adult"));
        Assert.Contains(english ? "Release and change" : "今の仮予約を取り消して確保し直す", await page.InnerTextAsync("#submit"));
        Assert.True(await page.FitsWidthAsync());
        await page.ShotAsync($"{name}-2-back");

        // Continue: the same hold, its time not extended.
        await page.ClickAsync("#continue");
        await page.ArriveAsync(new Regex(Regex.Escape(new Uri(firstHold).PathAndQuery) + "$"));
        await page.ShotAsync($"{name}-3-continued");

        // Back again, and change the party: the old hold is released, the new one held.
        await page.GoBackAsync();
        await Expect(page.Locator("#pending")).ToBeVisibleAsync();
        await page.SelectOptionAsync("#Adult", "1");
        await page.CheckAsync("#AcceptTerms");
        await page.ShotAsync($"{name}-4-change");
        await page.ClickAsync("#submit");
        await page.ArriveAsync(new Regex("/booking/[0-9a-f-]+\\?key="));
        Assert.NotEqual(firstHold, page.Url);
        Assert.Contains(english ? "¥2,600" : "2,600円", await page.InnerTextAsync(".summary"));
        Assert.Equal(0, await page.Locator("[role=alert]").CountAsync());
        await page.ShotAsync($"{name}-5-changed");
        // The hold page also leads back to the form with the hold shown.
        await page.ClickAsync("#change-party");
        await Expect(page.Locator("#pending")).ToContainTextAsync(english ? "1 adult" : "大人1");
        await using var connection = await app.Db.OpenAsync();
        Assert.Equal("cancelled,held", string.Join(",",
            await connection.QueryAsync<string>("SELECT status FROM bookings ORDER BY created_at, id")));
        Assert.Equal(1, await connection.ExecuteScalarAsync<long>(
            "SELECT online_taken FROM slots WHERE visit_date = @Date AND start_minute = 630", new { Date = new DateOnly(2026, 12, 20) }));
    }
}
