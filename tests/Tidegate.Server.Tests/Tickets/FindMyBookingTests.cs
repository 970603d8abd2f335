using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Tidegate.Server.Tests.Payments;

namespace Tidegate.Server.Tests.Tickets;

/// <summary>Find my booking (SPEC §12): the ticket link emailed again to the booking's own address; one answer whatever matched; throttled.</summary>
public class FindMyBookingTests
{
    private static Dictionary<string, string?> Settings(SmtpServer smtp)
    {
        var settings = Inbox.MailSettings(smtp);
        settings["Tidegate:FindBooking:PerEmailPerHour"] = "3";
        settings["Tidegate:FindBooking:PerAddressPerHour"] = "8";
        return settings;
    }

    private static async Task<(string Id, string Key)> ConfirmedAsync(TestApp app, string email)
    {
        var created = await app.CreateClient().PostJson("/api/v1/bookings", Api.Guest(email: email, name: "Hanako Yamada")).ExpectJson(HttpStatusCode.Created);
        var (id, key) = ((string)created["bookingId"]!, (string)created["accessKey"]!);
        await Confirmations.ConfirmAsync(app, id, key);
        return (id, key);
    }

    private static async Task<(HttpStatusCode Status, string Body)> FindAsync(HttpClient client, string email, string number)
    {
        var response = await client.PostJson("/api/v1/bookings/find", new { email, bookingNumber = number });
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [Theory, Engines]
    public async Task Matched_or_not_the_answer_is_the_same_and_only_the_bookings_own_address_gets_the_link(string engine)
    {
        using var smtp = new SmtpServer();
        using var app = new TestApp(engine, Settings(smtp));
        var (id, key) = await ConfirmedAsync(app, "hanako@example.com");
        await smtp.WaitForAsync(1, TimeSpan.FromSeconds(20));
        var client = app.CreateClient();

        var matched = await FindAsync(client, " Hanako@Example.com ", id.ToUpperInvariant());
        var wrongEmail = await FindAsync(client, "mallory@example.com", id);
        var wrongNumber = await FindAsync(client, "hanako@example.com", Guid.NewGuid().ToString());
        Assert.Equal(HttpStatusCode.Accepted, matched.Status);
        Assert.Equal(matched, wrongEmail);
        Assert.Equal(matched, wrongNumber);
        Assert.DoesNotContain(id, matched.Body);

        await Inbox.AllSentAsync(app);
        var mails = smtp.Received();
        Assert.Equal(2, mails.Count); // the confirmation and the one resend: nothing to mallory
        var resent = mails[^1];
        Assert.Equal(["hanako@example.com"], resent["to"]!.AsArray().Select(a => (string)a!).ToArray());
        Assert.Equal("【サメシャイン水族館】12月20日(日) 10:30 チケットの再送のお知らせ / [Sameshine Aquarium] Sun 20 Dec 10:30 Your ticket link",
            (string)resent["subject"]!);
        Assert.Contains($"/tickets/{id}?key={Uri.EscapeDataString(key)}", Inbox.Part(resent, "text/plain"));

        // A malformed request says which field, whatever exists.
        var bad = await client.PostJson("/api/v1/bookings/find", new { email = "no-at-sign", bookingNumber = id })
            .ExpectProblem(HttpStatusCode.BadRequest, "invalid_request");
        Assert.Equal("email", (string?)bad["field"]);
    }

    [Theory, Engines]
    public async Task Asking_too_often_for_one_email_or_from_one_address_is_throttled_the_same_whether_or_not_it_matches(string engine)
    {
        using var smtp = new SmtpServer();
        using var app = new TestApp(engine, Settings(smtp));
        var (id, _) = await ConfirmedAsync(app, "hanako@example.com");
        var client = app.CreateClient();

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.Accepted, (await FindAsync(client, "hanako@example.com", id)).Status);
            Assert.Equal(HttpStatusCode.Accepted, (await FindAsync(client, "nobody@example.com", id)).Status);
        }
        var matched = await client.PostJson("/api/v1/bookings/find", new { email = "hanako@example.com", bookingNumber = id });
        var unmatched = await client.PostJson("/api/v1/bookings/find", new { email = "nobody@example.com", bookingNumber = id });
        await matched.ExpectProblem(HttpStatusCode.TooManyRequests, "throttled");
        await unmatched.ExpectProblem(HttpStatusCode.TooManyRequests, "throttled");
        Assert.True(matched.Headers.RetryAfter is not null);

        // 6 accepted + 2 refused from this address so far: the address's 8 per hour are spent, whatever email comes next.
        Assert.Equal(HttpStatusCode.TooManyRequests, (await FindAsync(client, "third@example.com", id)).Status);

        // An hour later the visitor may ask again, and the link goes out.
        app.Clock.Advance(TimeSpan.FromMinutes(61));
        Assert.Equal(HttpStatusCode.Accepted, (await FindAsync(client, "hanako@example.com", id)).Status);
        await Inbox.AllSentAsync(app);
        Assert.Equal(1 + 3 + 1, smtp.Received().Count); // confirmation, three resends, one after the hour
    }

    [PostgresFact]
    public async Task Two_instances_share_one_limit_so_alternating_between_them_gains_nothing()
    {
        using var first = new TestApp("postgres");
        using var second = new TestApp(first);
        var (a, b) = (first.CreateClient(), second.CreateClient());

        // The email's 3 per hour, spread over both instances: the fourth is refused wherever it lands.
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.Accepted, (await FindAsync(i % 2 == 0 ? a : b, "hanako@example.com", "no-such-booking")).Status);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await FindAsync(b, "hanako@example.com", "no-such-booking")).Status);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await FindAsync(a, "hanako@example.com", "no-such-booking")).Status);

        // Neither the address nor the client address is stored, only keyed hashes.
        await using var connection = await first.Db.OpenAsync();
        var keys = (await connection.QueryAsync<string>("SELECT throttle_key FROM find_booking_counts")).ToList();
        Assert.NotEmpty(keys);
        Assert.All(keys, k => Assert.Matches("^[ea]:[0-9a-f]{64}$", k));
    }

    [Theory, Engines]
    public async Task No_log_line_of_the_emails_or_of_finding_a_booking_holds_an_address_or_a_name(string engine)
    {
        using var smtp = new SmtpServer();
        var sink = new LogCapture();
        var settings = Settings(smtp);
        settings["Logging:LogLevel:Default"] = "Trace";
        using var app = new TestApp(engine, settings, services => services.AddSingleton<Microsoft.Extensions.Logging.ILoggerProvider>(sink));
        var (id, key) = await ConfirmedAsync(app, "hanako@example.com");
        var client = app.CreateClient();
        await FindAsync(client, "hanako@example.com", id);
        await FindAsync(client, "mallory@example.com", id);
        await smtp.WaitForAsync(2, TimeSpan.FromSeconds(20)); // the resend goes out before the cancel (after it, it would be dropped)
        await client.Cancel(id, key).ExpectJson(HttpStatusCode.OK);
        await smtp.WaitForAsync(3, TimeSpan.FromSeconds(20));
        await Inbox.AllSentAsync(app);

        Assert.Equal(3, smtp.Received().Count);
        Assert.NotEmpty(sink.Lines);
        Assert.DoesNotContain(sink.Lines, l => l.Contains("hanako@example.com", StringComparison.OrdinalIgnoreCase)
            || l.Contains("mallory@example.com", StringComparison.OrdinalIgnoreCase) || l.Contains("Hanako Yamada"));
    }
}
