using Dapper;
using Microsoft.Playwright;
using Tidegate.Browser.Tests.Support;

namespace Tidegate.Browser.Tests.Booking;

/// <summary>The console's bookings and box-office pages in Chromium: find and cancel a booking, sell at the counter and show the QR.</summary>
[Collection(BrowserCollection.Name)]
public class ConsoleBookingsPageTests(Browsers browsers)
{
    private static readonly (string Name, int Width, int Height) Tablet = ("tablet", 768, 1024);

    [BrowserFact]
    public async Task An_operator_finds_a_booking_by_email_and_cancels_it_for_the_visitor_after_seeing_the_refund()
    {
        using var app = new TestApp("sqlite");
        var ticket = await Gate.ConfirmedTicketAsync(app, adult: 2, child: 0, email: "taro.suzuki@example.com");
        var page = await browsers.NewPageAsync(app.ClientOptions.BaseAddress.ToString(), Tablet, "ja-JP");
        await page.SignInToConsoleAsync(app, "operator");

        await page.GotoAsync("/console/bookings");
        await page.FillAsync("#query", "Taro.Suzuki@example.com");
        await page.ClickAsync(".find-form button[type=submit]");
        await page.ClickAsync($"a.booking-link[href='/console/bookings/{ticket.BookingId}']");
        await page.ArriveAsync(new System.Text.RegularExpressions.Regex($"/console/bookings/{ticket.BookingId}$"));
        Assert.Contains("taro.suzuki@example.com", await page.InnerTextAsync(".booking-grid"));

        await page.ClickAsync("a.cancel-start");
        Assert.Contains("5,200円を返金します", await page.InnerTextAsync(".refund-amount"));
        await page.SelectOptionAsync("#reason", "visitor_request");
        await page.ClickAsync(".cancel-form button.danger");
        await page.ArriveAsync(new System.Text.RegularExpressions.Regex(@"\?cancelled=1$"));
        Assert.Contains("予約をキャンセルしました", await page.InnerTextAsync("p.notice"));
        Assert.Contains("キャンセル済み", await page.InnerTextAsync("h1"));
        Assert.True(await page.FitsWidthAsync());

        await using var connection = await app.Db.OpenAsync();
        Assert.Equal("cancelled", await connection.ExecuteScalarAsync<string>("SELECT status FROM bookings WHERE id = @Id", new { Id = ticket.BookingId }));
    }

    [BrowserFact]
    public async Task An_operator_sells_at_the_box_office_with_plus_and_minus_sees_the_price_first_then_the_qr()
    {
        using var app = new TestApp("sqlite");
        app.Clock.Set(Gate.SlotStart.AddMinutes(-60));
        var page = await browsers.NewPageAsync(app.ClientOptions.BaseAddress.ToString(), Tablet, "ja-JP");
        await page.SignInToConsoleAsync(app, "operator");

        await page.GotoAsync("/console/box-office");
        await page.ClickAsync("label[for=slot-1030]");
        await page.ClickAsync("button[data-for=count-Adult][data-step='1']"); // 1 → 2
        await page.ClickAsync("button[data-for=count-Child][data-step='1']");
        await page.ClickAsync("button[data-for=count-Child][data-step='1']");
        await page.ClickAsync("button[data-for=count-Child][data-step='-1']");
        Assert.Equal("6,500円", await page.InnerTextAsync("output[data-total]"));
        await page.ClickAsync("button.sell-button");
        await page.ArriveAsync(new System.Text.RegularExpressions.Regex(@"/console/box-office\?sold="));

        var qr = page.Locator("img.sold-qr");
        await qr.WaitForAsync();
        Assert.True(await qr.EvaluateAsync<bool>("img => img.complete && img.naturalWidth > 0"));
        var box = await qr.BoundingBoxAsync();
        Assert.True(box!.Width >= 250, $"the QR is {box.Width} px wide"); // scannable from the screen across the counter
        Assert.Contains("6,500円", await page.InnerTextAsync(".sold-amount"));
        Assert.Equal("1", await page.InnerTextAsync("[data-tally-sales]"));
        Assert.Equal("3", await page.InnerTextAsync("[data-tally-persons]"));

        // The print view shows the ticket and nothing else of the console.
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        Assert.False(await page.IsVisibleAsync("form[data-sell]"));
        Assert.False(await page.IsVisibleAsync(".console-nav"));
        Assert.True(await page.IsVisibleAsync("img.sold-qr"));
        await page.EmulateMediaAsync(new() { Media = Media.Screen });
    }

    [BrowserTheory]
    [InlineData("ja-JP", "ja")]
    [InlineData("en-US", "en")]
    public async Task The_pages_fit_a_phone_a_tablet_and_a_desktop(string locale, string lang)
    {
        using var app = new TestApp("sqlite");
        var ticket = await Gate.ConfirmedTicketAsync(app, adult: 2, child: 1, email: "hanako.yamada@example.com");
        var page = await browsers.NewPageAsync(app.ClientOptions.BaseAddress.ToString(), Browsers.Desktop, locale);
        await page.SignInToConsoleAsync(app, "operator");
        foreach (var width in Widths)
        {
            await page.SetViewportSizeAsync(width, 900);
            await page.GotoAsync("/console/bookings");
            await page.FillAsync("#query", "hanako.yamada@example.com");
            await page.ClickAsync(".find-form button[type=submit]");
            await page.Locator("table.results").WaitForAsync();
            Assert.True(await page.FitsWidthAsync(), $"bookings at {width}");
            await page.ShotAsync($"console-bookings-{lang}-{width}");

            await page.GotoAsync($"/console/bookings/{ticket.BookingId}?cancel=1");
            await page.Locator(".cancel-form").WaitForAsync();
            Assert.True(await page.FitsWidthAsync(), $"booking at {width}");
            await page.ShotAsync($"console-booking-{lang}-{width}");
        }

        // The box office sells for today: the visit day, with a new session (the first one's clock ran out).
        app.Clock.Set(Gate.SlotStart.AddMinutes(-60));
        await page.Context.ClearCookiesAsync();
        await page.SignInToConsoleAsync(app, "operator");
        await page.GotoAsync("/console/box-office");
        await page.ClickAsync("button[data-for=count-Child][data-step='1']");
        await page.ClickAsync("button.sell-button");
        await page.ArriveAsync(new System.Text.RegularExpressions.Regex(@"/console/box-office\?sold="));
        foreach (var width in Widths)
        {
            await page.SetViewportSizeAsync(width, 900);
            await page.ReloadAsync();
            await page.Locator("img.sold-qr").WaitForAsync();
            Assert.True(await page.FitsWidthAsync(), $"box office at {width}");
            await page.ShotAsync($"console-box-office-{lang}-{width}");
        }
    }

    private static readonly int[] Widths = [360, 768, 1280];
}
