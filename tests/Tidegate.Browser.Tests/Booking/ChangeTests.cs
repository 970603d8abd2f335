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

    public static TheoryData<string, string> Cases => new()
    {
        { "phone", "ja-JP" }, { "phone", "en-US" }, { "desktop", "ja-JP" }, { "desktop", "en-US" },
    };

    /// <summary>Issue 12: after a change to a cheaper weekday refunded the difference, the cancel page said the whole first payment would be refunded.</summary>
    [BrowserTheory, MemberData(nameof(Cases))]
    public async Task After_a_change_refunded_the_difference_the_cancel_page_states_only_what_is_left_to_refund(string size, string locale)
    {
        using var app = PaymentFlow.Start("sqlite");
        var client = app.CreateClient();
        var (id, key, paid) = await PaymentFlow.BookAsync(client, email: $"refund-{size}-{locale}@example.com"); // a Sunday: holiday prices
        await PaymentFlow.PayAsync(client, await PaymentFlow.CheckoutAsync(client, id, key));
        await PaymentFlow.WaitForStatusAsync(client, id, key, "confirmed");
        var english = locale.StartsWith("en", StringComparison.Ordinal);

        var page = await browsers.NewPageAsync(app.ClientOptions.BaseAddress.ToString(), size == "phone" ? Browsers.Phone : Browsers.Desktop, locale);
        await page.GotoAsync($"/tickets/{id}/change?key={Uri.EscapeDataString(key)}&date=2026-12-18"); // a Friday: weekday prices
        await page.CheckAsync("input[name=start][value='10:30']");
        await page.ClickAsync("form[method=post] button[type=submit]");
        await Expect(page.Locator(".summary")).ToContainTextAsync("10:30–10:45");
        var now = (int)(await client.GetBooking(id, key).ExpectJson(HttpStatusCode.OK))["amount"]!;
        Assert.True(now < paid, $"the weekday should cost less than {paid}, costs {now}");

        await page.GotoAsync($"/tickets/{id}/cancel?key={Uri.EscapeDataString(key)}");
        var said = await page.InnerTextAsync("#refund");
        Assert.Contains(english ? $"¥{now:N0}" : $"{now:N0}円", said);
        Assert.Contains(english ? $"¥{paid - now:N0}" : $"{paid - now:N0}円", said);
        Assert.DoesNotContain(english ? $"¥{paid:N0}" : $"{paid:N0}円", said);
        Assert.True(await page.FitsWidthAsync());
        await page.AssertAccessibleAsync($"cancel-after-change-{size}-{locale[..2]}");
        await page.ShotAsync($"cancel-after-change-{size}-{locale[..2]}");

        await page.ClickAsync("form[method=post] button[type=submit]");
        await Expect(page.Locator("main")).ToContainTextAsync(english ? "refunded" : "返金");
        await using var connection = await app.Db.OpenAsync();
        Assert.Equal(paid, await Dapper.SqlMapper.ExecuteScalarAsync<long>(connection, "SELECT SUM(amount) FROM refunds WHERE booking_id = @id", new { id }));
    }
}
