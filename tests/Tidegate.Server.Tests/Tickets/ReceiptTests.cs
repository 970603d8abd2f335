using Tidegate.Server.Features.Tickets.Pages;

namespace Tidegate.Server.Tests.Tickets;

/// <summary>
/// The receipt (領収書) of a paid booking (issue 12, item 5): the ticket's access key opens it, any
/// other key or an unpaid booking is 404, and it carries a qualified invoice's figures.
/// </summary>
public class ReceiptTests
{
    [Theory]
    [InlineData(5200, 10, 472)]
    [InlineData(2400, 10, 218)]
    [InlineData(1100, 10, 100)]
    [InlineData(0, 10, 0)]
    [InlineData(1080, 8, 80)]
    public void The_tax_inside_a_tax_included_amount_is_rounded_down(int amount, int rate, int tax) =>
        Assert.Equal(tax, ReceiptModel.TaxIncluded(amount, rate));

    [Theory, Engines]
    public async Task A_paid_booking_has_a_receipt_behind_its_access_key_with_the_invoice_figures(string engine)
    {
        using var app = new TestApp(engine);
        var ticket = await Gate.ConfirmedTicketAsync(app, adult: 2, child: 0); // 2026-12-20 is a Sunday: 2 × 2,600円
        var client = app.CreateClient();

        var response = await client.GetAsync($"/tickets/{ticket.BookingId}/receipt?key={Uri.EscapeDataString(ticket.AccessKey)}&lang=ja");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = System.Net.WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("領収書", html);
        Assert.Contains(ticket.BookingId.ToUpperInvariant(), html); // the receipt number
        Assert.Contains("2026年11月20日", html); // paid on the day the test clock stands at
        Assert.Contains("value=\"Hanako Yamada\"", html); // the addressee, editable
        Assert.Contains("5,200円", html);
        Assert.Contains("（税込）", html);
        Assert.Contains("10%対象 5,200円（うち消費税 472円）", html);
        Assert.Contains("入館料として", html);
        Assert.Contains("T1234567890123", html);
        Assert.Contains("株式会社サメシャイン水族館", html);

        var english = System.Net.WebUtility.HtmlDecode(await client.GetStringAsync($"/tickets/{ticket.BookingId}/receipt?key={Uri.EscapeDataString(ticket.AccessKey)}&lang=en"));
        Assert.Contains("¥5,200", english);
        Assert.Contains("of which consumption tax ¥472", english);

        // The ticket page links to it.
        var ticketPage = await client.GetStringAsync($"/tickets/{ticket.BookingId}?key={Uri.EscapeDataString(ticket.AccessKey)}");
        Assert.Contains($"/tickets/{ticket.BookingId}/receipt?key=", ticketPage);
    }

    [Theory, Engines]
    public async Task A_wrong_or_missing_key_and_an_unpaid_booking_get_404(string engine)
    {
        using var app = new TestApp(engine);
        var ticket = await Gate.ConfirmedTicketAsync(app);
        var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/tickets/{ticket.BookingId}/receipt?key=wrong")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/tickets/{ticket.BookingId}/receipt")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/tickets/{Guid.CreateVersion7()}/receipt?key={ticket.AccessKey}")).StatusCode);

        var held = await client.PostJson("/api/v1/bookings", Api.Guest(email: "unpaid@example.com")).ExpectJson(HttpStatusCode.Created);
        Assert.Equal(HttpStatusCode.NotFound,
            (await client.GetAsync($"/tickets/{held["bookingId"]}/receipt?key={Uri.EscapeDataString((string)held["accessKey"]!)}")).StatusCode);
    }

    [Theory, Engines]
    public async Task The_issuer_and_registration_number_are_configurable(string engine)
    {
        using var app = new TestApp(engine, new Dictionary<string, string?>
        {
            ["Tidegate:Legal:RegistrationNumber"] = "T9876543210987", ["Tidegate:Legal:Ja:Seller"] = "株式会社しおさい水族館",
        });
        var ticket = await Gate.ConfirmedTicketAsync(app);
        var html = await app.CreateClient().GetStringAsync($"/tickets/{ticket.BookingId}/receipt?key={Uri.EscapeDataString(ticket.AccessKey)}&lang=ja");
        Assert.Contains("T9876543210987", html);
        Assert.Contains("株式会社しおさい水族館", html);
    }
}
