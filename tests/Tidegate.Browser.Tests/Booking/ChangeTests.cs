using Tidegate.Browser.Tests.Support;
using Tidegate.Server.Tests.Payments;
using static Microsoft.Playwright.Assertions;

namespace Tidegate.Browser.Tests.Booking;

[Collection(BrowserCollection.Name)]
public class ChangeTests(Browsers browsers)
{
    [BrowserFact]
    public async Task A_paid_booking_moves_to_another_time_from_its_ticket_page()
    {
        using var app = PaymentFlow.Start("sqlite");
        var client = app.CreateClient();
        var (id, key, _) = await PaymentFlow.BookAsync(client);
        await PaymentFlow.PayAsync(client, await PaymentFlow.CheckoutAsync(client, id, key));
        await PaymentFlow.WaitForStatusAsync(client, id, key, "confirmed");

        var page = await browsers.NewPageAsync(app.ClientOptions.BaseAddress.ToString(), Browsers.Phone, "en-US");
        await page.GotoAsync($"/tickets/{id}?key={Uri.EscapeDataString(key)}");
        var oldCode = await page.InnerTextAsync("#ticket-code");
        await page.ClickAsync("a[href*='/change?key=']");
        await page.FillAsync("#date", "2026-12-20");
        await page.ClickAsync("form[method=get] button");
        await page.CheckAsync("input[name=start][value='11:00']");
        Assert.Contains("price stays the same", await page.InnerTextAsync("main"));
        Assert.True(await page.FitsWidthAsync());
        await page.ShotAsync("change-1-choose");
        await page.ClickAsync("form[method=post] button[type=submit]");

        await Expect(page.Locator(".summary")).ToContainTextAsync("11:00–11:15");
        Assert.NotEqual(oldCode, await page.InnerTextAsync("#ticket-code"));
        await page.ShotAsync("change-2-moved");
    }
}
