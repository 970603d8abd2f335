using Microsoft.Playwright;
using Tidegate.Browser.Tests.Support;

namespace Tidegate.Browser.Tests.Venue;

[Collection(BrowserCollection.Name)]
public class CalendarConsoleTests(Browsers browsers)
{
    [BrowserTheory]
    [InlineData("ja-JP", "ja", "すでに3名が販売済み", "定員を変更しました。")]
    [InlineData("en-US", "en", "3 persons are already sold or held", "The capacity was changed.")]
    public async Task An_operator_changes_a_slot_capacity_and_sees_the_refusal_below_what_is_sold(string locale, string language, string refusal, string saved)
    {
        using var app = new TestApp("sqlite");
        await app.CreateClient().PostJson("/api/v1/bookings", Api.Guest("2026-12-20", "10:30", 3, email: "three@example.com"))
            .ExpectJson(System.Net.HttpStatusCode.Created);

        foreach (var width in new[] { 360, 768, 1280 })
        {
            var page = await browsers.NewPageAsync(app.ClientOptions.BaseAddress.ToString(), ($"w{width}", width, 900), locale);
            await page.SignInToConsoleAsync(app, "operator");
            await page.GotoAsync("/console/calendar?month=2026-12");
            Assert.Equal(31, await page.Locator(".month-table tbody tr").CountAsync());
            Assert.True(await page.FitsWidthAsync(), $"the month scrolls sideways at {width} px");
            await page.ShotAsync($"console-calendar-{language}-{width}");

            await page.Locator("a[href='/console/calendar?date=2026-12-20']").ClickAsync();
            await page.ArriveAsync(new System.Text.RegularExpressions.Regex("date=2026-12-20"));
            await page.SelectOptionAsync("#start", "10:30");
            await page.FillAsync("#capacity-input", "2");
            await page.Locator("#capacity button[type=submit]").ClickAsync();
            var alert = page.Locator("#capacity [role=alert]");
            await alert.WaitForAsync();
            Assert.Contains(refusal, await alert.InnerTextAsync());
            Assert.Equal("2", await page.InputValueAsync("#capacity-input")); // the input is kept
            Assert.True(await page.FitsWidthAsync(), $"the date scrolls sideways at {width} px");
            await page.ShotAsync($"console-calendar-day-refused-{language}-{width}");

            await page.FillAsync("#capacity-input", "3");
            await page.Locator("#capacity button[type=submit]").ClickAsync();
            await page.ArriveAsync(new System.Text.RegularExpressions.Regex("saved=capacity"));
            Assert.Contains(saved, await page.InnerTextAsync("[role=status]"));
            await page.Context.CloseAsync();
        }
    }
}
