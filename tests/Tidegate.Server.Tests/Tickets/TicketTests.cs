using Tidegate.Domain.Tickets;

namespace Tidegate.Server.Tests.Tickets;

public class TicketTests
{
    [Theory, Engines]
    public async Task A_confirmed_booking_carries_a_verifiable_code_and_its_image(string engine)
    {
        using var app = new TestApp(engine);
        var client = app.CreateClient();
        var created = await client.PostJson("/api/v1/bookings", Api.Guest()).Json();
        var (id, key) = ((string)created["bookingId"]!, (string)created["accessKey"]!);
        var held = await client.GetBooking(id, key).ExpectJson(HttpStatusCode.OK);
        Assert.Null(held["ticketCode"]);
        await client.GetAsync($"/api/v1/bookings/{id}/ticket.png?key={Uri.EscapeDataString(key)}").ExpectProblem(HttpStatusCode.NotFound, "not_found");

        await Confirmations.ConfirmAsync(app, id, key);
        var booking = await client.GetBooking(id, key).ExpectJson(HttpStatusCode.OK);
        var code = (string)booking["ticketCode"]!;
        var claims = app.Get<TicketKeys>().Verify(code)!;
        Assert.Equal(new TicketClaims(Guid.Parse(id), new DateOnly(2026, 12, 20), 630, 2, 1), claims);
        Assert.True(code.Length < 140);

        var png = await client.GetAsync((string)booking["ticketImageUrl"]!);
        Assert.Equal(HttpStatusCode.OK, png.StatusCode);
        Assert.Equal("image/png", png.Content.Headers.ContentType?.MediaType);
        // ECDSA signatures are randomised, so each issue of the code differs; every one verifies to the same claims.
        Assert.Equal(QrImagesOf(code)[..8], (await png.Content.ReadAsByteArrayAsync())[..8]);
        var svg = await client.GetAsync($"/api/v1/bookings/{id}/ticket.svg?key={Uri.EscapeDataString(key)}");
        Assert.Equal("image/svg+xml", svg.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<svg", await svg.Content.ReadAsStringAsync());

        await client.GetAsync($"/api/v1/bookings/{id}/ticket.png?key=wrong").ExpectProblem(HttpStatusCode.NotFound, "not_found");
        await client.GetAsync($"/api/v1/bookings/{id}/ticket.svg").ExpectProblem(HttpStatusCode.NotFound, "not_found");
    }

    private static byte[] QrImagesOf(string code) => Tidegate.Server.Features.Tickets.QrImages.Png(code);

    [Theory]
    [InlineData(null, "入場チケット", "大人2名・小人1名（計3名）", "English")]
    [InlineData("ja", "入場可能時間", "10:15–11:15", "English")]
    [InlineData("en", "Your ticket", "2 adults, 1 child (3 people in all)", "日本語")]
    [InlineData("en", "Entry window", "10:15–11:15", "日本語")]
    public async Task The_ticket_page_shows_qr_date_slot_party_and_window_in_japanese_and_english(string? lang, string title, string detail, string switchTo)
    {
        using var app = new TestApp("sqlite");
        var ticket = await Gate.ConfirmedTicketAsync(app, adult: 2, child: 1);
        var url = $"/tickets/{ticket.BookingId}?key={Uri.EscapeDataString(ticket.AccessKey)}" + (lang is null ? "" : $"&lang={lang}");
        var response = await app.CreateClient().GetAsync(url);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(title, html);
        Assert.Contains(detail, html);
        Assert.Contains(switchTo, html);
        Assert.Contains("2026-12-20", html);
        Assert.Contains("10:30–10:45", html);
        Assert.Contains($"/api/v1/bookings/{ticket.BookingId}/ticket.svg?key=", html);
        var shown = System.Text.RegularExpressions.Regex.Match(html, "id=\"ticket-code\">([A-Za-z0-9_-]+)<").Groups[1].Value;
        Assert.Equal(app.Get<TicketKeys>().Verify(ticket.Code), app.Get<TicketKeys>().Verify(shown));
        Assert.DoesNotContain("Hanako", html);
        Assert.Contains("default-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Contains("script-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single());
    }

    [Fact]
    public async Task The_ticket_page_without_the_right_key_reveals_nothing()
    {
        using var app = new TestApp("sqlite");
        var ticket = await Gate.ConfirmedTicketAsync(app);
        var client = app.CreateClient();
        foreach (var url in new[] { $"/tickets/{ticket.BookingId}", $"/tickets/{ticket.BookingId}?key=nope", $"/tickets/{Guid.NewGuid()}?key={ticket.AccessKey}" })
        {
            var response = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.DoesNotContain("2026-12-20", await response.Content.ReadAsStringAsync());
        }
    }
}
