using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Dapper;
using Tidegate.Server.Tests.Payments;

namespace Tidegate.Server.Tests.Tickets;

/// <summary>
/// The visitor's emails (SPEC §12) through a real SMTP server, read back as it received them: confirmed,
/// changed, cancelled and the day-before reminder, in the booking's language, with greeting, amount
/// including tax, entry window, deadline, address, access, contact, a working link, text and HTML
/// parts and a calendar file that parses.
/// </summary>
public class MessageTests
{
    private static object Guest(string language, string email = "hanako@example.com", string name = "山田 花子") => new
    {
        date = "2026-12-20", start = "10:30", tickets = new { adult = 2 }, email, name, language,
    };

    private static async Task<(string Id, string Key, HttpClient Client)> ConfirmedAsync(TestApp app, object guest)
    {
        var client = app.CreateClient();
        var created = await client.PostJson("/api/v1/bookings", guest).ExpectJson(HttpStatusCode.Created);
        var (id, key) = ((string)created["bookingId"]!, (string)created["accessKey"]!);
        await Confirmations.ConfirmAsync(app, id, key);
        return (id, key, client);
    }

    [Theory, Engines]
    public async Task The_confirmation_in_japanese_has_everything_the_visitor_needs_and_a_link_to_the_port_the_server_listens_on(string engine)
    {
        using var smtp = new SmtpServer();
        using var app = new TestApp(engine, Inbox.MailSettings(smtp)); // no PublicUrl: Development's case
        var (id, key, client) = await ConfirmedAsync(app, Guest("ja"));

        var message = Assert.Single(await smtp.WaitForAsync(1, TimeSpan.FromSeconds(20)));
        Assert.Equal("【サメシャイン水族館】12月20日(日) 10:30 ご予約確定のお知らせ", (string)message["subject"]!);
        Assert.Equal("hanako@example.com", (string)message["to"]![0]!);
        var text = Inbox.Part(message, "text/plain");
        Assert.StartsWith("山田 花子 様", text);
        foreach (var expected in new[]
        {
            "2026年12月20日(日) 10:30〜10:45", "入館可能時間：10:15〜11:15", "大人2名", "5,200円（税込）", "2026年12月19日(土) 23:59まで",
            $"予約番号：{id}", "〒170-8630 東京都豊島区東池袋3-1", "池袋駅", "info@sameshine.example",
        })
            Assert.Contains(expected, text);
        Assert.DoesNotContain("Dear", text);

        // The link goes to the address and port this server really listens on (never a guessed 5000), and opens the ticket.
        var listening = client.BaseAddress!.GetLeftPart(UriPartial.Authority);
        var link = Regex.Match(text, @"http://\S+/tickets/\S+").Value;
        Assert.StartsWith($"{listening}/tickets/{id}?key={Uri.EscapeDataString(key)}", link);
        Assert.Equal(HttpStatusCode.OK, (await new HttpClient().GetAsync(link)).StatusCode);

        var html = Inbox.Part(message, "text/html");
        Assert.Contains($"href=\"{System.Net.WebUtility.HtmlEncode(link)}\"", html);
        Assert.Contains("cid:ticket-qr", html);
        Assert.Contains("山田 花子 様", html);

        var ics = Ical.Net.Calendar.Load(Inbox.Part(message, "text/calendar"))!;
        var visit = Assert.Single(ics.Events);
        Assert.Equal(new DateTime(2026, 12, 20, 1, 15, 0, DateTimeKind.Utc), visit.DtStart!.AsUtc); // 10:15 Japan time
        Assert.Equal(new DateTime(2026, 12, 20, 2, 15, 0, DateTimeKind.Utc), visit.DtEnd!.AsUtc);
        Assert.Equal("サメシャイン水族館", visit.Summary);
        Assert.Contains("東京都豊島区東池袋3-1", visit.Location);
        Assert.Equal($"{id}@tidegate", visit.Uid);

        // The same file from the ticket page's link.
        var download = await client.GetAsync($"/api/v1/bookings/{id}/ticket.ics?key={Uri.EscapeDataString(key)}");
        Assert.Equal("text/calendar", download.Content.Headers.ContentType!.MediaType);
        Assert.Single(Ical.Net.Calendar.Load(await download.Content.ReadAsStringAsync())!.Events);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/bookings/{id}/ticket.ics?key=wrong")).StatusCode);
        var page = await (await client.GetAsync($"/tickets/{id}?key={Uri.EscapeDataString(key)}")).Content.ReadAsStringAsync();
        Assert.Contains($"/api/v1/bookings/{id}/ticket.ics?key=", page);
        Assert.Contains("〒170-8630 東京都豊島区東池袋3-1", page); // the same address as the email's
    }

    [Theory, Engines]
    public async Task A_booking_made_in_english_is_written_to_in_english_only_and_one_without_a_language_in_both(string engine)
    {
        using var smtp = new SmtpServer();
        using var app = new TestApp(engine, Inbox.MailSettings(smtp, "https://tickets.sameshine.example"));
        await ConfirmedAsync(app, Guest("en", "jane@example.com", "Jane Doe"));
        var english = Assert.Single(await smtp.WaitForAsync(1, TimeSpan.FromSeconds(20)));
        Assert.Equal("[Sameshine Aquarium] Sun 20 Dec 10:30 Booking confirmed", (string)english["subject"]!);
        var text = Inbox.Part(english, "text/plain");
        Assert.StartsWith("Dear Jane Doe,", text);
        Assert.Contains("¥5,200 (tax included)", text);
        Assert.Contains("Sunday 20 December 2026 10:30–10:45 (Japan time)", text);
        Assert.Contains("until 23:59 on Saturday 19 December 2026 (Japan time)", text);
        Assert.Contains("https://tickets.sameshine.example/tickets/", text);
        Assert.DoesNotMatch(@"\p{IsHiragana}|\p{IsKatakana}", text);

        var client = app.CreateClient();
        var created = await client.PostJson("/api/v1/bookings", Api.Guest(email: "both@example.com", name: "Ken Sato")).ExpectJson(HttpStatusCode.Created);
        await Confirmations.ConfirmAsync(app, (string)created["bookingId"]!, (string)created["accessKey"]!);
        var both = (await smtp.WaitForAsync(2, TimeSpan.FromSeconds(20))).Single(m => (string)m["to"]![0]! == "both@example.com");
        Assert.Equal("【サメシャイン水族館】12月20日(日) 10:30 ご予約確定のお知らせ / [Sameshine Aquarium] Sun 20 Dec 10:30 Booking confirmed",
            (string)both["subject"]!);
        var bothText = Inbox.Part(both, "text/plain");
        Assert.Contains("Ken Sato 様", bothText);
        Assert.Contains("Dear Ken Sato,", bothText);
    }

    [Theory, Engines]
    public async Task A_cancellation_sends_an_email_with_the_refund_and_no_ticket(string engine)
    {
        using var smtp = new SmtpServer();
        using var app = new TestApp(engine, Inbox.MailSettings(smtp));
        var (id, key, client) = await ConfirmedAsync(app, Guest("ja"));
        await smtp.WaitForAsync(1, TimeSpan.FromSeconds(20));

        await client.Cancel(id, key).ExpectJson(HttpStatusCode.OK);
        var cancelled = (await smtp.WaitForAsync(2, TimeSpan.FromSeconds(20))).Last();
        Assert.Equal("【サメシャイン水族館】12月20日(日) 10:30 ご予約キャンセルのお知らせ", (string)cancelled["subject"]!);
        var text = Inbox.Part(cancelled, "text/plain");
        Assert.StartsWith("山田 花子 様", text);
        Assert.Contains("ご返金額：5,200円（税込）", text);
        Assert.Contains("クレジットカードへ", text);
        Assert.DoesNotContain(cancelled["parts"]!.AsArray(), p => (string)p!["contentType"]! is "image/png" or "text/calendar");

        // A repeated cancel finds it cancelled: no second email.
        await client.Cancel(id, key).ExpectJson(HttpStatusCode.OK);
        await Inbox.AllSentAsync(app);
        Assert.Equal(2, smtp.Received().Count);
    }

    [Theory, Engines]
    public async Task A_change_says_the_old_qr_is_void_and_what_was_refunded(string engine)
    {
        using var smtp = new SmtpServer();
        using var app = new TestApp(engine, Inbox.MailSettings(smtp));
        var (id, key, client) = await ConfirmedAsync(app, Guest("ja"));
        await smtp.WaitForAsync(1, TimeSpan.FromSeconds(20));

        await client.Move(id, key, "2026-12-18", "11:00").ExpectJson(HttpStatusCode.OK); // Friday: 2 × 2,400, 400 back
        var changed = (await smtp.WaitForAsync(2, TimeSpan.FromSeconds(20))).Last();
        Assert.Equal("【サメシャイン水族館】12月18日(金) 11:00 ご予約変更のお知らせ", (string)changed["subject"]!);
        var text = Inbox.Part(changed, "text/plain");
        Assert.Contains("変更前のQRコードは無効になりました", text);
        Assert.Contains("変更前：2026年12月20日(日) 10:30", text);
        Assert.Contains("変更後：2026年12月18日(金) 11:00〜11:15", text);
        Assert.Contains("差額：400円（税込）をご返金いたします", text);
        Assert.Contains("料金：4,800円（税込）", text);
        var ics = Ical.Net.Calendar.Load(Inbox.Part(changed, "text/calendar"))!;
        Assert.Equal(new DateTime(2026, 12, 18, 1, 45, 0, DateTimeKind.Utc), Assert.Single(ics.Events).DtStart!.AsUtc);

        // Back to the dearer Sunday: the difference is charged first, and the change email says it was paid.
        var due = await client.Move(id, key, "2026-12-20", "10:30").ExpectJson(HttpStatusCode.Accepted);
        await PaymentFlow.PayAsync(client, (string)due["paymentId"]!);
        var dearer = (await smtp.WaitForAsync(3, TimeSpan.FromSeconds(20))).Last();
        Assert.Equal("【サメシャイン水族館】12月20日(日) 10:30 ご予約変更のお知らせ", (string)dearer["subject"]!);
        Assert.Contains("差額：400円（税込）をお支払いいただきました", Inbox.Part(dearer, "text/plain"));
        Assert.Contains("変更前のQRコードは無効になりました", Inbox.Part(dearer, "text/plain"));
    }

    [Theory, Engines]
    public async Task The_reminder_goes_out_the_day_before_once_however_often_the_job_runs(string engine)
    {
        using var smtp = new SmtpServer();
        using var app = new TestApp(engine, Inbox.MailSettings(smtp));
        var (id, _, client) = await ConfirmedAsync(app, Guest("en", "jane@example.com", "Jane Doe"));
        await smtp.WaitForAsync(1, TimeSpan.FromSeconds(20));

        app.Clock.Set(new DateTimeOffset(2026, 12, 18, 12, 0, 0, TimeSpan.FromHours(9))); // two days before: nothing
        Assert.Equal(0, (int)(await client.PostJson("/api/v1/dev/jobs/reminders", new { }).ExpectJson(HttpStatusCode.OK))["queued"]!);
        app.Clock.Set(new DateTimeOffset(2026, 12, 19, 12, 0, 0, TimeSpan.FromHours(9)));
        Assert.Equal(1, (int)(await client.PostJson("/api/v1/dev/jobs/reminders", new { }).ExpectJson(HttpStatusCode.OK))["queued"]!);
        Assert.Equal(0, (int)(await client.PostJson("/api/v1/dev/jobs/reminders", new { }).ExpectJson(HttpStatusCode.OK))["queued"]!);

        var reminder = (await smtp.WaitForAsync(2, TimeSpan.FromSeconds(20))).Last();
        Assert.Equal("[Sameshine Aquarium] Sun 20 Dec 10:30 See you tomorrow", (string)reminder["subject"]!);
        Assert.Contains("Entry window: 10:15–11:15", Inbox.Part(reminder, "text/plain"));
        Assert.Contains($"/tickets/{id}?key=", Inbox.Part(reminder, "text/plain"));
        await Inbox.AllSentAsync(app);
        Assert.Equal(2, smtp.Received().Count);
    }

    [PostgresFact]
    public async Task Two_instances_running_the_reminder_job_at_once_send_each_booking_one_reminder()
    {
        using var smtp = new SmtpServer();
        using var first = new TestApp("postgres", Inbox.MailSettings(smtp));
        using var second = new TestApp(first);
        var ids = new List<string>();
        for (var i = 0; i < 3; i++) ids.Add((await ConfirmedAsync(first, Guest("ja", $"visitor{i}@example.com"))).Id);
        await smtp.WaitForAsync(3, TimeSpan.FromSeconds(20));

        var dayBefore = new DateTimeOffset(2026, 12, 19, 12, 0, 0, TimeSpan.FromHours(9));
        first.Clock.Set(dayBefore);
        second.Clock.Set(dayBefore);
        var (a, b) = (first.CreateClient(), second.CreateClient());
        var runs = await Task.WhenAll(Enumerable.Range(0, 6).Select(i =>
            (i % 2 == 0 ? a : b).PostJson("/api/v1/dev/jobs/reminders", new { }).ExpectJson(HttpStatusCode.OK)));
        Assert.Equal(3, runs.Sum(r => (int)r["queued"]!));

        await smtp.WaitForAsync(6, TimeSpan.FromSeconds(20));
        await Inbox.AllSentAsync(first);
        var reminders = smtp.Received().Where(m => ((string)m["subject"]!).Contains("明日のご来館のご案内")).ToList();
        Assert.Equal(3, reminders.Count);
        Assert.Equal(3, reminders.Select(m => (string)m["to"]![0]!).Distinct().Count());
    }
}

/// <summary>The test mail server's side: settings pointing the app at it, a part's text, and waiting until nothing more is queued.</summary>
public static class Inbox
{
    public static Dictionary<string, string?> MailSettings(SmtpServer smtp, string? publicUrl = null) => new()
    {
        ["Tidegate:Mail:Host"] = "127.0.0.1",
        ["Tidegate:Mail:Port"] = smtp.Port.ToString(),
        ["Tidegate:Mail:From"] = "tickets@sameshine.example",
        ["Tidegate:Mail:PollSeconds"] = "0.2",
        ["Tidegate:Mail:RetryBaseSeconds"] = "0.2",
        ["Tidegate:Mail:RetryMaxSeconds"] = "1",
        ["Tidegate:Mail:Reminders:EverySeconds"] = "86400", // the job runs here only when a test asks (POST /api/v1/dev/jobs/reminders)
        ["Tidegate:PublicUrl"] = publicUrl,
    };

    public static string Part(JsonNode message, string contentType) =>
        (string)message["parts"]!.AsArray().First(p => (string)p!["contentType"]! == contentType)!["text"]!;

    /// <summary>Every queued email delivered or given up: nothing more is on its way.</summary>
    public static async Task AllSentAsync(TestApp app)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            await using var connection = await app.Db.OpenAsync();
            if (await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM mail_outbox WHERE sent_at IS NULL AND failed = 0") == 0) return;
            await Task.Delay(100);
        }
        Assert.Fail("mail still queued");
    }
}
