using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Dapper;
using Tidegate.Domain.Tickets;
using Microsoft.Extensions.DependencyInjection;
using Tidegate.Server.Features.Tickets;
using Tidegate.Server.Features.Tickets.Mail;

namespace Tidegate.Server.Tests.Tickets;

/// <summary>The ticket email through a real SMTP server (aiosmtpd), read back as the server received it.</summary>
public class TicketEmailTests
{
    private static Dictionary<string, string?> MailSettings(SmtpServer smtp) => new()
    {
        ["Tidegate:Mail:Host"] = "127.0.0.1",
        ["Tidegate:Mail:Port"] = smtp.Port.ToString(),
        ["Tidegate:Mail:From"] = "tickets@sameshine.example",
        ["Tidegate:Mail:RetryBaseSeconds"] = "0.2",
        ["Tidegate:Mail:RetryMaxSeconds"] = "1",
        ["Tidegate:Mail:PollSeconds"] = "0.2",
        ["Tidegate:PublicUrl"] = "https://tickets.sameshine.example",
    };

    [Theory, Engines]
    public async Task The_ticket_email_arrives_with_a_qr_of_a_valid_code_and_the_ticket_page_link(string engine)
    {
        using var smtp = new SmtpServer();
        using var app = new TestApp(engine, MailSettings(smtp));
        var ticket = await Gate.ConfirmedTicketAsync(app, email: "hanako@example.com");

        var message = Assert.Single(await smtp.WaitForAsync(1, TimeSpan.FromSeconds(20)));
        Assert.Equal("hanako@example.com", (string)message["to"]![0]!);
        Assert.Equal("tickets@sameshine.example", (string)message["from"]!);
        Assert.Contains("ご予約確定のお知らせ", (string)message["subject"]!);
        Assert.Contains("Booking confirmed", (string)message["subject"]!);

        var text = Part(message, "text/plain")["text"]!.GetValue<string>();
        var code = Regex.Match(text, @"(?:Ticket code: |チケットコード：)([A-Za-z0-9_-]+)").Groups[1].Value;
        var claims = app.Get<TicketKeys>().Verify(code);
        Assert.Equal(Guid.Parse(ticket.BookingId), claims?.BookingId);
        Assert.Contains($"https://tickets.sameshine.example/tickets/{ticket.BookingId}?key={Uri.EscapeDataString(ticket.AccessKey)}", text);
        Assert.Contains("10:15–11:15", text);

        var html = Part(message, "text/html")["text"]!.GetValue<string>();
        Assert.Contains("cid:ticket-qr", html);
        var image = Part(message, "image/png");
        Assert.Contains("ticket-qr", (string)image["contentId"]!);
        // The QR is the code: rendering the code from the text again gives the very same image.
        Assert.Equal(QrImages.Png(code, 8), Convert.FromBase64String((string)image["base64"]!));

        // Marked sent once the server accepted it (the mark commits a moment after the delivery).
        await WaitUntilAsync(app, "SELECT COUNT(*) FROM mail_outbox WHERE sent_at IS NOT NULL");
        await using var connection = await app.Db.OpenAsync();
        Assert.Equal(1, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM mail_outbox WHERE sent_at IS NOT NULL"));
    }

    [Theory, Engines]
    public async Task A_booking_made_in_english_gets_its_ticket_email_in_english_only(string engine)
    {
        using var smtp = new SmtpServer();
        using var app = new TestApp(engine, MailSettings(smtp));
        var client = app.CreateClient();
        var refused = await client.PostJson("/api/v1/bookings", Body("fr")).ExpectProblem(HttpStatusCode.BadRequest, "invalid_request");
        Assert.Equal("language", (string?)refused["field"]);
        var created = await client.PostJson("/api/v1/bookings", Body("en")).ExpectJson(HttpStatusCode.Created);
        var id = (string)created["bookingId"]!;
        await Confirmations.ConfirmAsync(app, id, (string)created["accessKey"]!);

        var message = Assert.Single(await smtp.WaitForAsync(1, TimeSpan.FromSeconds(20)));
        Assert.Contains("Booking confirmed", (string)message["subject"]!);
        Assert.DoesNotContain("ご予約確定", (string)message["subject"]!);
        var text = Part(message, "text/plain")["text"]!.GetValue<string>();
        Assert.Contains("Ticket code: ", text);
        Assert.DoesNotContain("チケットコード", text);
        Assert.Contains($"/tickets/{id}?key=", text);
        Assert.Contains("&lang=en", text);
        Assert.DoesNotContain("&lang=ja", text);

        static object Body(string language) => new
        {
            date = "2026-12-20", start = "10:30", tickets = new { adult = 2 }, email = $"jane-{language}@example.com", name = "Jane Doe", language,
        };
    }

    [Theory, Engines]
    public async Task With_the_mail_server_down_bookings_still_confirm_and_the_mail_goes_out_once_it_is_back(string engine)
    {
        using var smtp = new SmtpServer();
        using var app = new TestApp(engine, MailSettings(smtp));
        smtp.Stop();

        var ticket = await Gate.ConfirmedTicketAsync(app, email: "taro@example.com");
        var booking = await app.CreateClient().GetBooking(ticket.BookingId, ticket.AccessKey).Json();
        Assert.Equal("confirmed", (string)booking["status"]!);
        await WaitUntilAsync(app, "SELECT COUNT(*) FROM mail_outbox WHERE attempts >= 2 AND sent_at IS NULL AND last_error IS NOT NULL");

        smtp.Start();
        var message = Assert.Single(await smtp.WaitForAsync(1, TimeSpan.FromSeconds(20)));
        Assert.Equal("taro@example.com", (string)message["to"]![0]!);
        await WaitUntilAsync(app, "SELECT COUNT(*) FROM mail_outbox WHERE sent_at IS NOT NULL");
        // Past every attempt's lease and backoff the mailer finds nothing left to send: no further copy is on its way.
        app.Clock.Advance(TimeSpan.FromHours(2));
        var mailer = app.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<TicketMailer>().Single();
        Assert.Equal(0, await mailer.SendDueAsync(CancellationToken.None));
        Assert.Single(smtp.Received()); // delivered once, not once per attempt
    }

    [Fact]
    public async Task Without_an_smtp_server_the_mail_is_written_as_an_eml_file_under_data()
    {
        var directory = Path.Combine(Path.GetTempPath(), "tidegate-mail", Guid.NewGuid().ToString("N"));
        using var app = new TestApp("sqlite", new Dictionary<string, string?>
        {
            ["Tidegate:Mail:PickupDirectory"] = directory, ["Tidegate:Mail:PollSeconds"] = "0.2",
        });
        await Gate.ConfirmedTicketAsync(app, email: "jiro@example.com");
        // Marked sent only once the pickup file is completely written (it appears, empty, before that).
        await WaitUntilAsync(app, "SELECT COUNT(*) FROM mail_outbox WHERE sent_at IS NOT NULL");
        var eml = await File.ReadAllTextAsync(Assert.Single(Directory.GetFiles(directory, "*.eml")));
        Assert.Contains("jiro@example.com", eml);
        Assert.Contains("image/png", eml);
        Directory.Delete(directory, recursive: true);
    }

    [Theory, Engines]
    public async Task Box_office_bookings_without_an_email_queue_none(string engine)
    {
        using var app = new TestApp(engine);
        app.Clock.Set(Gate.SlotStart.AddMinutes(-60));
        var staff = await Gate.ClientWithRoleAsync(app, "operator");
        await staff.PostJson("/api/v1/box-office/bookings", new { start = "10:30", tickets = new { adult = 1 } }).ExpectJson(HttpStatusCode.Created);
        await using var connection = await app.Db.OpenAsync();
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM mail_outbox"));
    }

    private static JsonNode Part(JsonNode message, string contentType) =>
        message["parts"]!.AsArray().First(p => (string)p!["contentType"]! == contentType)!;

    private static async Task WaitUntilAsync(TestApp app, string countSql)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            await using var connection = await app.Db.OpenAsync();
            if (await connection.ExecuteScalarAsync<long>(countSql) > 0) return;
            await Task.Delay(100);
        }
        Assert.Fail($"timed out waiting for: {countSql}");
    }
}
