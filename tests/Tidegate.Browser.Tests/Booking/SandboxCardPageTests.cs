using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Tidegate.Browser.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Tidegate.Browser.Tests.Booking;

/// <summary>
/// The sandbox provider's card page (issue 12): in the visitor's language, fits 360 px, a declined
/// card said in words (not "(card_declined)"), and a link back to the booking.
/// </summary>
[Collection(BrowserCollection.Name)]
public class SandboxCardPageTests(Browsers browsers)
{
    public static TheoryData<string, string> Cases => new()
    {
        { "phone", "ja-JP" }, { "phone", "en-US" }, { "desktop", "ja-JP" }, { "desktop", "en-US" },
    };

    [BrowserTheory, MemberData(nameof(Cases))]
    public async Task A_declined_card_is_said_in_the_visitors_language_with_a_way_back_to_the_booking(string size, string locale)
    {
        using var app = new TestApp("sqlite");
        var english = locale.StartsWith("en");
        var client = app.CreateClient();
        var created = await client.PostJson("/api/v1/bookings", Api.Guest(email: $"card-{size}-{locale}@example.com")).ExpectJson(HttpStatusCode.Created);
        var (id, key) = ((string)created["bookingId"]!, (string)created["accessKey"]!);
        var checkout = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/bookings/{id}/checkout");
        checkout.Headers.Add("X-Booking-Key", key);
        var payment = await (await client.SendAsync(checkout)).ExpectJson(HttpStatusCode.Created);
        var page = await browsers.NewPageAsync(app.ClientOptions.BaseAddress.ToString(), size == "phone" ? Browsers.Phone : Browsers.Desktop, locale);
        var shot = $"sandbox-card-{size}-{locale[..2]}";

        await page.GotoAsync(new Uri((string)payment["paymentUrl"]!).PathAndQuery);
        Assert.Equal(english ? "en" : "ja", await page.GetAttributeAsync("html", "lang"));
        Assert.Contains(english ? "Pay by card" : "カードでのお支払い", await page.InnerTextAsync("h1"));
        var amount = (int)created["amount"]!;
        Assert.Equal(english ? $"¥{amount:N0}" : $"{amount:N0}円", await page.InnerTextAsync("#amount"));
        Assert.True(await page.FitsWidthAsync());
        await page.ShotAsync(shot + "-1-form");

        await page.FillAsync("#cardNumber", "4000 0000 0000 0002");
        await page.ClickAsync("button[type=submit]");
        var error = await page.InnerTextAsync("#error");
        Assert.Contains(english ? "declined the payment" : "承認されませんでした", error);
        Assert.DoesNotContain("card_declined", error);
        Assert.True(await page.FitsWidthAsync(), "the card page scrolls sideways");
        await page.ShotAsync(shot + "-2-declined");

        await page.FillAsync("#cardNumber", "12");
        await page.ClickAsync("button[type=submit]");
        Assert.Contains(english ? "12 to 19 digits" : "12〜19桁", await page.InnerTextAsync("#error"));

        await page.ClickAsync("#back");
        await page.ArriveAsync(new Regex($"/booking/{id}\\?key="));
        Assert.Equal(english ? "Payment" : "お支払い", await page.InnerTextAsync("h1"));
        await page.ShotAsync(shot + "-3-back");
    }
}
