using Dapper;
using Tidegate.Server.Infrastructure.Privacy;

namespace Tidegate.Server.Tests.Tickets;

/// <summary>
/// A visitor's name goes into the To header as a display name: whatever it holds (quotes, commas,
/// angle brackets, a line break and a header), the real SMTP server receives exactly one RCPT TO,
/// the booking's address, and no header the name tried to add.
/// </summary>
public class MailRecipientTests
{
    [Theory, Engines]
    public async Task A_name_made_to_look_like_addresses_adds_no_recipient(string engine)
    {
        using var smtp = new SmtpServer();
        using var app = new TestApp(engine, Settings(smtp));
        var (id, key) = await HeldBookingAsync(app, "Bob\" <evil@example.com>, \"x", "bob@example.com");
        await Confirmations.ConfirmAsync(app, id, key);

        var message = Assert.Single(await smtp.WaitForAsync(1, TimeSpan.FromSeconds(20)));
        Assert.Equal("bob@example.com", (string)Assert.Single(message["to"]!.AsArray())!);
        // The To header, parsed as a mail program would: one mailbox, the whole name as its display name.
        var to = Assert.Single(message["toAddresses"]!.AsArray())!;
        Assert.Equal("Bob\" <evil@example.com>, \"x", (string)to[0]!);
        Assert.Equal("bob@example.com", (string)to[1]!);
    }

    [Theory, Engines]
    public async Task A_name_with_a_line_break_adds_no_header_and_no_recipient(string engine)
    {
        using var smtp = new SmtpServer();
        using var app = new TestApp(engine, Settings(smtp));
        // The API refuses control characters in names; this one is written as stored data could hold it.
        var (id, key) = await HeldBookingAsync(app, "Placeholder", "carol@example.com");
        await using (var connection = await app.Db.OpenAsync())
            await connection.ExecuteAsync("UPDATE bookings SET name_enc = @Name WHERE id = @Id",
                new { Id = id, Name = app.Get<PersonalData>().Encrypt("Carol\r\nBcc: evil@example.com\r\nX-Injected: yes") });
        await Confirmations.ConfirmAsync(app, id, key);

        var message = Assert.Single(await smtp.WaitForAsync(1, TimeSpan.FromSeconds(20)));
        Assert.Equal("carol@example.com", (string)Assert.Single(message["to"]!.AsArray())!);
        var names = message["headers"]!.AsArray().Select(h => ((string)h![0]!).ToLowerInvariant()).ToList();
        Assert.DoesNotContain("bcc", names);
        Assert.DoesNotContain("x-injected", names);
        var to = Assert.Single(message["toAddresses"]!.AsArray())!;
        Assert.Equal("carol@example.com", (string)to[1]!);
        Assert.Equal("Carol  Bcc: evil@example.com  X-Injected: yes", (string)to[0]!); // line breaks became spaces
    }

    private static Dictionary<string, string?> Settings(SmtpServer smtp) => new()
    {
        ["Tidegate:Mail:Host"] = "127.0.0.1", ["Tidegate:Mail:Port"] = smtp.Port.ToString(), ["Tidegate:Mail:PollSeconds"] = "0.2",
    };

    private static async Task<(string Id, string Key)> HeldBookingAsync(TestApp app, string name, string email)
    {
        var created = await app.CreateClient().PostJson("/api/v1/bookings",
            new { date = "2026-12-20", start = "10:30", tickets = new { adult = 1 }, email, name }).ExpectJson(HttpStatusCode.Created);
        return ((string)created["bookingId"]!, (string)created["accessKey"]!);
    }
}
