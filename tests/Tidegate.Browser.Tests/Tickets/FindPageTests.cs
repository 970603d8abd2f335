using static Microsoft.Playwright.Assertions;
using Tidegate.Browser.Tests.Support;
using Tidegate.Server.Tests.Support;
using Tidegate.Server.Tests.Tickets;

namespace Tidegate.Browser.Tests.Tickets;

/// <summary>Find my booking in a real browser: reached from the footer, email and booking number in, the same answer whatever matched, the link emailed.</summary>
[Collection(BrowserCollection.Name)]
public class FindPageTests(Browsers browsers)
{
    public static TheoryData<string, string, string, string, string> Cases => new()
    {
        { "ja-JP", "phone", "予約の確認・チケットの再送", "ご予約の確認", "チケットページへのリンクをお送りしました" },
        { "ja-JP", "desktop", "予約の確認・チケットの再送", "ご予約の確認", "チケットページへのリンクをお送りしました" },
        { "en-US", "phone", "Find my booking", "Find my booking", "we have emailed the link to your ticket" },
        { "en-US", "desktop", "Find my booking", "Find my booking", "we have emailed the link to your ticket" },
    };

    [BrowserTheory, MemberData(nameof(Cases))]
    public async Task A_guest_finds_the_booking_from_the_footer_and_gets_the_link_by_email_whatever_they_typed(
        string locale, string size, string footer, string heading, string sent)
    {
        using var smtp = new SmtpServer();
        using var app = new TestApp("sqlite", Inbox.MailSettings(smtp));
        var client = app.CreateClient();
        var created = await client.PostJson("/api/v1/bookings", Api.Guest(email: "hanako@example.com", name: "Hanako Yamada")).ExpectJson(HttpStatusCode.Created);
        var id = (string)created["bookingId"]!;
        await Confirmations.ConfirmAsync(app, id, (string)created["accessKey"]!);
        await smtp.WaitForAsync(1, TimeSpan.FromSeconds(20));

        var screen = size == "phone" ? Browsers.Phone : Browsers.Desktop;
        var page = await browsers.NewPageAsync(app.ClientOptions.BaseAddress.ToString(), screen, locale);
        await page.GotoAsync("/");
        var link = page.Locator("footer a[href='/find']");
        await Expect(link).ToHaveTextAsync(footer);
        Assert.True((await link.BoundingBoxAsync())!.Height >= 44, "the footer link is a 44 px tap target");
        await link.ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync(heading);
        Assert.True(await page.FitsWidthAsync());
        await page.ShotAsync($"find-{locale}-{size}-1-form");

        // A number that matches nothing: the page says exactly what it says for a match, and nothing is sent.
        await page.FillAsync("#Email", "hanako@example.com");
        await page.FillAsync("#BookingNumber", Guid.NewGuid().ToString());
        await page.ClickAsync("#find button[type=submit]");
        await Expect(page.Locator("#find-sent")).ToContainTextAsync(sent);
        var unmatched = await page.InnerTextAsync("main");

        await page.FillAsync("#Email", "hanako@example.com");
        await page.FillAsync("#BookingNumber", id);
        await page.ClickAsync("#find button[type=submit]");
        await Expect(page.Locator("#find-sent")).ToContainTextAsync(sent);
        Assert.Equal(unmatched, await page.InnerTextAsync("main"));
        Assert.DoesNotContain(id, await page.ContentAsync());
        Assert.True(await page.FitsWidthAsync());
        await page.ShotAsync($"find-{locale}-{size}-2-sent");

        var mails = await smtp.WaitForAsync(2, TimeSpan.FromSeconds(20));
        Assert.Equal(2, mails.Count);
        Assert.Equal("hanako@example.com", (string)mails[^1]["to"]![0]!);
        Assert.Contains($"/tickets/{id}?key=", Inbox.Part(mails[^1], "text/plain"));
    }
}
