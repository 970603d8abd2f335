using System.Text.RegularExpressions;
using Dapper;
using Tidegate.Domain.Tickets;
using Tidegate.Server.Tests.Booking;

namespace Tidegate.Server.Tests.BoxOffice;

/// <summary>The console's box office: a sale through the page's form, its QR, the day's tally, and the refusals said in the page.</summary>
public class ConsoleBoxOfficeTests
{
    [Theory, Engines]
    public async Task A_sale_through_the_form_shows_the_tickets_qr_counts_in_the_tally_and_a_resent_form_sells_once(string engine)
    {
        using var app = new TestApp(engine);
        app.Clock.Set(Gate.SlotStart.AddMinutes(-60));
        var console = await app.ConsoleAsync("operator");
        var form = await console.GetPageAsync("/console/box-office");
        Assert.Contains("value=\"10:30\"", form);
        Assert.Contains("data-price=\"2600\"", form);
        var saleKey = SaleKeyOf(form);

        var sale = new { Start = "10:30", Adult = 2, Child = 1, Infant = 0, Toddler = 0, SaleKey = saleKey };
        var sold = await console.PostFormAsync("/console/box-office", sale);
        Assert.Equal(HttpStatusCode.Redirect, sold.StatusCode);
        var location = sold.Headers.Location!.OriginalString;
        var id = Regex.Match(location, @"^/console/box-office\?sold=([0-9a-f-]+)$").Groups[1].Value;
        Assert.NotEmpty(id);
        var resent = await console.PostFormAsync("/console/box-office", sale);
        Assert.Equal(location, resent.Headers.Location!.OriginalString);

        var page = await console.GetPageAsync(location);
        var qr = Regex.Match(page, "class=\"sold-qr\" src=\"([^\"]+)\"").Groups[1].Value.Replace("&amp;", "&");
        Assert.StartsWith($"/api/v1/bookings/{id}/ticket.svg?key=", qr);
        var image = await app.CreateClient().GetAsync(qr);
        Assert.Equal(HttpStatusCode.OK, image.StatusCode);
        Assert.Contains("<svg", await image.Content.ReadAsStringAsync());
        Assert.Contains("6,500円", page);
        Assert.Contains("data-print", page);
        Assert.Contains("<span class=\"stat-value\" data-tally-sales>1</span>", page);
        Assert.Contains("<span class=\"stat-value\" data-tally-persons>3</span>", page);
        Assert.Matches(@"<td>大人</td><td class=""num"">2</td><td class=""num"">5,200円</td>", page);
        Assert.Matches(@"<td>小人</td><td class=""num"">1</td><td class=""num"">1,300円</td>", page);

        await using var connection = await app.Db.OpenAsync();
        Assert.Equal(1L, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM bookings WHERE channel = 'box_office'"));
        var code = await app.CreateClient().GetBooking(id, Regex.Match(qr, "key=([^&]+)").Groups[1].Value).ExpectJson(HttpStatusCode.OK);
        Assert.Equal(Guid.Parse(id), app.Get<TicketKeys>().Verify((string)code["ticketCode"]!)?.BookingId);
    }

    [Theory, Engines]
    public async Task When_the_walk_in_share_runs_out_the_page_says_how_many_are_left_and_the_slot_shows_none(string engine)
    {
        using var app = new TestApp(engine); // 30 walk-in places per slot
        app.Clock.Set(Gate.SlotStart.AddMinutes(-60));
        var console = await app.ConsoleAsync("operator");
        foreach (var party in new[] { 10, 10, 8 })
        {
            var form = await console.GetPageAsync("/console/box-office");
            var sold = await console.PostFormAsync("/console/box-office", new { Start = "10:30", Adult = party, SaleKey = SaleKeyOf(form) });
            Assert.Equal(HttpStatusCode.Redirect, sold.StatusCode);
        }
        var last = await console.GetPageAsync("/console/box-office");
        var refused = await console.PostFormAsync("/console/box-office", new { Start = "10:30", Adult = 3, SaleKey = SaleKeyOf(last) });
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var html = await refused.Content.ReadAsStringAsync();
        Assert.Contains("この時間の窓口枠が足りません(残り2名)", html);
        Assert.Contains("value=\"3\"", html); // the party is kept for the next try

        var full = await console.PostFormAsync("/console/box-office", new { Start = "10:30", Adult = 2, SaleKey = SaleKeyOf(html) });
        Assert.Equal(HttpStatusCode.Redirect, full.StatusCode);
        var after = await console.GetPageAsync("/console/box-office");
        Assert.Matches(@"value=""10:30""[^>]*disabled", after);
        Assert.Contains("窓口枠なし", after);

        var closedSlot = await console.PostFormAsync("/console/box-office", new { Start = "10:30", Adult = 1, SaleKey = SaleKeyOf(after) });
        Assert.Contains("残り0名", await closedSlot.Content.ReadAsStringAsync());
        var noSlot = await console.PostFormAsync("/console/box-office", new { Start = "", Adult = 1, SaleKey = SaleKeyOf(after) });
        Assert.Equal(HttpStatusCode.BadRequest, noSlot.StatusCode);
        Assert.Contains("入場時間を選んでください", await noSlot.Content.ReadAsStringAsync());
    }

    private static string SaleKeyOf(string html) => Regex.Match(html, "name=\"SaleKey\" value=\"([^\"]+)\"").Groups[1].Value;
}
