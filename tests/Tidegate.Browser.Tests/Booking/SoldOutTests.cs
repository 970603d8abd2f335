using System.Net.Http.Json;
using static Microsoft.Playwright.Assertions;
using Tidegate.Browser.Tests.Support;
using Tidegate.Server.Tests.Support;

namespace Tidegate.Browser.Tests.Booking;

[Collection(BrowserCollection.Name)]
public class SoldOutTests(Browsers browsers)
{
    [BrowserTheory]
    [InlineData("ja-JP", "残り1名", "近い時間帯")]
    [InlineData("en-US", "room for only 1 more", "nearby times")]
    public async Task A_slot_that_sells_out_while_choosing_says_so_and_offers_the_nearest(string locale, string soldOut, string offer)
    {
        using var app = new TestApp("sqlite", new Dictionary<string, string?> { ["Tidegate:Venue:SlotCapacity"] = "10" }); // 9 online
        var page = await browsers.NewPageAsync(app.ClientOptions.BaseAddress.ToString(), Browsers.Phone, locale);
        await page.GotoAsync("/book/2026-12-20/10:30");
        await page.SelectOptionAsync("#Adult", "3");
        await page.FillAsync("#Name", "Late Comer");
        await page.FillAsync("#Email", "late@example.com");
        await page.CheckAsync("#AcceptTerms");

        // Someone else takes 8 of the 9 places meanwhile.
        var other = await app.CreateClient().PostAsJsonAsync("/api/v1/bookings", Api.Guest(adult: 8, email: "quick@example.com"));
        Assert.Equal(HttpStatusCode.Created, other.StatusCode);

        await page.ClickAsync("button[type=submit]");
        await Expect(page.Locator("[role=alert]")).ToContainTextAsync(soldOut);
        var alert = await page.InnerTextAsync("[role=alert]");
        Assert.Contains(soldOut, alert);
        Assert.Contains(offer, alert);
        await page.ShotAsync($"soldout-{locale}");

        // The nearest alternative is one tap away and books.
        await page.ClickAsync(".alternatives a >> nth=0");
        await page.SelectOptionAsync("#Adult", "3");
        await page.FillAsync("#Name", "Late Comer");
        await page.FillAsync("#Email", "late@example.com");
        await page.CheckAsync("#AcceptTerms");
        await page.ClickAsync("button[type=submit]");
        // The URL itself, not a load event: after a refused POST and a redirect, WaitForURL once
        // timed out while the held booking's page was already showing.
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/booking/"), new() { Timeout = 30000 });
        await Expect(page.Locator("#left")).ToBeVisibleAsync(); // the hold's countdown: places held
    }
}
