using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Tidegate.Browser.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Tidegate.Browser.Tests.Booking;

/// <summary>
/// Before and after paying (issue 12, item 5): the legal pages one tap from the footer and the form,
/// the form's required consent box, and the printable receipt of a paid booking (screen and print
/// media), at 360 and 1280 px in Japanese and English.
/// </summary>
[Collection(BrowserCollection.Name)]
public class LegalAndReceiptTests(Browsers browsers)
{
    public static TheoryData<string, string> Cases => new()
    {
        { "phone", "ja-JP" }, { "phone", "en-US" }, { "desktop", "ja-JP" }, { "desktop", "en-US" },
    };

    [BrowserTheory, MemberData(nameof(Cases))]
    public async Task The_legal_pages_are_linked_from_the_footer_and_the_form_which_requires_consent(string size, string locale)
    {
        using var app = new TestApp("sqlite");
        var english = locale.StartsWith("en");
        var page = await browsers.NewPageAsync(app.ClientOptions.BaseAddress.ToString(), size == "phone" ? Browsers.Phone : Browsers.Desktop, locale);
        var shot = $"legal-{size}-{locale[..2]}";

        await page.GotoAsync("/");
        await page.ClickAsync("footer a[href='/legal/tokushoho']");
        await Expect(page.Locator("h1")).ToHaveTextAsync(english ? "Legal disclosure (Specified Commercial Transactions Act)" : "特定商取引法に基づく表記");
        var table = await page.InnerTextAsync(".legal-table");
        Assert.Contains(english ? "Sameshine Aquarium Co., Ltd." : "株式会社サメシャイン水族館", table);
        Assert.Contains(english ? "consumption tax included" : "消費税込み", table);
        Assert.Contains("T1234567890123", table);
        Assert.True(await page.FitsWidthAsync());
        // Readable on a phone: the rows stack instead of squeezing the answers into a sliver (once 18,000 px tall).
        var height = await page.EvaluateAsync<int>("() => document.documentElement.scrollHeight");
        Assert.True(height < 4000, $"the disclosure is {height} px tall");
        await page.ShotAsync(shot + "-1-tokushoho");
        foreach (var doc in new[] { "terms", "cancellation", "privacy" })
        {
            await page.ClickAsync($"footer a[href='/legal/{doc}']");
            await Expect(page.Locator(".legal h2").First).ToBeVisibleAsync();
            Assert.True(await page.FitsWidthAsync());
            if (doc == "cancellation") Assert.Contains(english ? "23:59 Japan time the day before" : "前日23:59", await page.InnerTextAsync("main"));
            await page.ShotAsync($"{shot}-2-{doc}");
        }

        // The form: the box is required; without it the browser stops the submit, and so does the server.
        await page.GotoAsync("/book/2026-12-20/10:30");
        Assert.Equal(2, await page.Locator(".consent a[href='/legal/terms'], .consent a[href='/legal/cancellation']").CountAsync());
        await page.FillAsync("#Name", "Hanako Yamada");
        await page.FillAsync("#Email", $"legal.{size}.{locale}@example.com");
        Assert.True(await page.EvaluateAsync<bool>("() => document.getElementById('AcceptTerms').validity.valueMissing"));
        await page.EvalOnSelectorAsync("#AcceptTerms", "el => el.removeAttribute('required')"); // as a browser without validation
        await page.ClickAsync("form#book button[type=submit]");
        await Expect(page.Locator("[role=alert]")).ToContainTextAsync(english ? "tick the box to agree" : "同意が必要です");
        Assert.True(await page.FitsWidthAsync());
        await page.ShotAsync(shot + "-3-consent-required");
        await page.CheckAsync("#AcceptTerms");
        await page.ClickAsync("form#book button[type=submit]");
        await page.ArriveAsync(new Regex("/booking/[0-9a-f-]+\\?key="));
    }

    [BrowserTheory, MemberData(nameof(Cases))]
    public async Task A_paid_booking_has_a_printable_receipt_with_an_editable_addressee(string size, string locale)
    {
        using var app = new TestApp("sqlite");
        var english = locale.StartsWith("en");
        var ticket = await Gate.ConfirmedTicketAsync(app, adult: 2, child: 0);
        var page = await browsers.NewPageAsync(app.ClientOptions.BaseAddress.ToString(), size == "phone" ? Browsers.Phone : Browsers.Desktop, locale);
        var shot = $"receipt-{size}-{locale[..2]}";

        await page.GotoAsync($"/tickets/{ticket.BookingId}?key={Uri.EscapeDataString(ticket.AccessKey)}");
        await page.ClickAsync("a[href*='/receipt?key=']");
        await Expect(page.Locator("h1")).ToHaveTextAsync(english ? "Receipt" : "領収書");
        Assert.Equal(ticket.BookingId.ToUpperInvariant(), await page.InnerTextAsync("#receipt-number"));
        Assert.Equal(english ? "¥5,200" : "5,200円", await page.InnerTextAsync("#receipt-amount"));
        Assert.Contains(english ? "¥472" : "472円", await page.InnerTextAsync("#receipt-tax"));
        Assert.Contains(english ? "Admission" : "入館料として", await page.InnerTextAsync("#receipt-for"));
        Assert.Equal("T1234567890123", await page.InnerTextAsync("#receipt-registration"));
        Assert.Equal("Hanako Yamada", await page.InputValueAsync("#addressee"));
        await page.FillAsync("#addressee", english ? "Example Trading Ltd." : "株式会社サンプル商事");
        Assert.True(await page.FitsWidthAsync());
        await page.ShotAsync(shot + "-1-screen");

        // Printed (the browser's PDF): no site chrome or buttons, the edited addressee kept, the input without its box.
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        Assert.False(await page.IsVisibleAsync("#print"));
        Assert.False(await page.IsVisibleAsync("header.top"));
        Assert.False(await page.IsVisibleAsync("footer"));
        Assert.Equal(english ? "Example Trading Ltd." : "株式会社サンプル商事", await page.InputValueAsync("#addressee"));
        Assert.Equal("0px", await page.EvaluateAsync<string>("() => getComputedStyle(document.getElementById('addressee')).borderTopWidth"));
        await page.ShotAsync(shot + "-2-print");
        if (size == "desktop" && !english)
        {
            var pdf = await page.PdfAsync(new() { Format = "A4" });
            Assert.True(pdf.Length > 1000);
            Directory.CreateDirectory(Screens.Folder);
            await File.WriteAllBytesAsync(Path.Combine(Screens.Folder, "receipt-ja.pdf"), pdf);
        }
        await page.EmulateMediaAsync(new() { Media = Media.Screen });

        // Another key: not found.
        var wrong = await page.GotoAsync($"/tickets/{ticket.BookingId}/receipt?key=wrong");
        Assert.Equal(404, wrong!.Status);
    }
}
