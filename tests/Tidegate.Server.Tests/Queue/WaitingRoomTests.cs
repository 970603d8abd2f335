using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Tidegate.Server.Features.Queue;

namespace Tidegate.Server.Tests.Queue;

public class WaitingRoomTests
{
    private static readonly DateTimeOffset BeforeOpening = new(2026, 11, 19, 23, 59, 0, TimeSpan.FromHours(9));

    [Theory, Engines]
    public async Task Booking_a_guarded_date_without_an_admission_is_queue_required(string engine)
    {
        using var app = QueueClient.App(engine);
        var client = app.CreateClient();
        await client.BookAsync(null, Api.Guest()).ExpectProblem(HttpStatusCode.Forbidden, "queue_required");
        await client.BookAsync("a1.forged.signature", Api.Guest()).ExpectProblem(HttpStatusCode.Forbidden, "queue_required");
        // A date outside its opening minutes and not marked is not guarded.
        app.Clock.Set(new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.FromHours(9)));
        await client.BookAsync(null, Api.Guest()).ExpectJson(HttpStatusCode.Created);
    }

    [Theory, Engines]
    public async Task Early_arrivals_are_shuffled_at_opening_and_later_ones_queue_in_arrival_order(string engine)
    {
        using var app = QueueClient.App(engine, rate: 1, maxOutstanding: 1);
        var client = app.CreateClient();
        app.Clock.Set(BeforeOpening);
        var early = new List<string>();
        for (var i = 0; i < 30; i++)
        {
            var joined = await client.JoinAsync();
            Assert.Null(joined["position"]);
            Assert.Equal("2026-11-20T00:00:00+09:00", (string?)joined["opensAt"]);
            early.Add((string)joined["queueTicket"]!);
        }
        var before = await client.StatusAsync(early[0]);
        Assert.Null(before["position"]);
        Assert.False((bool)before["admitted"]!);
        Assert.InRange((int)before["estimatedWaitSeconds"]!, 40, 60); // until 00:00 (the test clock runs on from 23:59)
        Assert.Equal(10, (int)before["pollAfterSeconds"]!);

        app.Clock.Set(TestApp.DefaultStart);
        await client.StatusUntilAsync(early[29], s => s["position"] is not null || (bool?)s["admitted"] == true);
        var late = new List<long>();
        for (var i = 0; i < 5; i++) late.Add((long)(await client.JoinAsync())["ticketNumber"]!);
        Assert.Equal([31L, 32, 33, 34, 35], late);

        await using var connection = await app.Db.OpenAsync();
        // In join order: the entry id inside each ticket (UUIDv7 ids are not ordered within one millisecond).
        var stored = (await connection.QueryAsync<(string Id, long Position)>(
            "SELECT id, position FROM queue_entries WHERE joined_at < @Opens",
            new { Opens = TestApp.DefaultStart.AddSeconds(-1).ToUnixTimeMilliseconds() })).ToDictionary(e => e.Id, e => e.Position);
        var positions = early.Select(t => stored[EntryId(t)]).ToList();
        Assert.Equal(Enumerable.Range(1, 30).Select(p => (long)p), positions.Order());
        Assert.NotEqual(Enumerable.Range(1, 30).Select(p => (long)p), positions); // 1 in 30! to fail by chance
        var seed = await connection.ExecuteScalarAsync<string>("SELECT shuffle_seed FROM queue_dates WHERE visit_date = '2026-12-20'");
        Assert.Equal(64, seed!.Length);

        // Each early ticket's status agrees with the stored shuffle: the one holding position 1 is admitted first.
        var first = positions.IndexOf(1);
        await client.AdmittedAsync(early[first]);
        var other = await client.StatusAsync(early[positions.IndexOf(2)]);
        Assert.False((bool)other["admitted"]!);
        Assert.Equal(1, (long)other["position"]!);
        Assert.NotNull(other["queueTicket"]);
        Assert.Equal(Tidegate.Domain.Queue.QueueRules.PollAfterSeconds((int)other["estimatedWaitSeconds"]!), (int)other["pollAfterSeconds"]!);
    }

    [Theory, Engines]
    public async Task An_admission_books_once_for_its_date_and_cannot_be_forged(string engine)
    {
        using var app = QueueClient.App(engine, rate: 10, maxOutstanding: 10);
        var client = app.CreateClient();
        var ticket = (string)(await client.JoinAsync())["queueTicket"]!;
        var admitted = await client.AdmittedAsync(ticket);
        var token = (string)admitted["admissionToken"]!;
        Assert.EndsWith("+09:00", (string)admitted["expiresAt"]!);

        // Tampered: another position or date in the payload breaks the signature.
        var parts = token.Split('.');
        var fields = System.Text.Encoding.UTF8.GetString(Infrastructure.Auth.Tokens.FromBase64Url(parts[1]));
        var forged = parts[0] + "." + Infrastructure.Auth.Tokens.Base64Url(System.Text.Encoding.UTF8.GetBytes(fields.Replace("2026-12-20", "2026-12-21"))) + "." + parts[2];
        await client.BookAsync(forged, Api.Guest()).ExpectProblem(HttpStatusCode.Forbidden, "queue_required");

        await client.BookAsync(token, Api.Guest(email: "first@example.com")).ExpectJson(HttpStatusCode.Created);
        var reused = await client.BookAsync(token, Api.Guest(email: "second@example.com")).ExpectProblem(HttpStatusCode.Forbidden, "queue_required");
        Assert.Contains("already used", (string?)reused["detail"]);

        // Another date guarded by an operator: this admission is not for it.
        var operatorToken = (string)(await client.PostJson("/api/v1/dev/token", new { role = "operator" }).Json())["token"]!;
        var mark = new HttpRequestMessage(HttpMethod.Put, "/api/v1/admin/queue/2026-12-19") { Content = System.Net.Http.Json.JsonContent.Create(new { guarded = true }) };
        mark.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", operatorToken);
        await (await client.SendAsync(mark)).ExpectJson(HttpStatusCode.OK);
        await client.BookAsync(token, Api.Guest(date: "2026-12-19", email: "third@example.com"))
            .ExpectProblem(HttpStatusCode.Forbidden, "queue_required");

        await using var connection = await app.Db.OpenAsync();
        Assert.Equal(1, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM queue_admissions"));
        Assert.Equal(1, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM bookings"));
    }

    [Theory, Engines]
    public async Task An_admission_refused_as_sold_out_is_not_spent(string engine)
    {
        using var app = QueueClient.App(engine, rate: 10, maxOutstanding: 10,
            more: new Dictionary<string, string?> { ["Tidegate:Venue:SlotCapacity"] = "10" }); // 9 online places
        var client = app.CreateClient();
        var token = (string)(await client.AdmittedAsync((string)(await client.JoinAsync())["queueTicket"]!))["admissionToken"]!;
        await client.BookAsync(token, Api.Guest(adult: 10)).ExpectProblem(HttpStatusCode.Conflict, "sold_out");
        await client.BookAsync(token, Api.Guest(adult: 1)).ExpectJson(HttpStatusCode.Created);
    }

    [Theory, Engines]
    public async Task A_rate_slower_than_the_worker_ticks_still_admits_everyone_in_turn(string engine)
    {
        // 4 admissions a second with the worker ticking every 50 ms: each tick is worth a fifth of an
        // admission, so the time must add up across ticks (it used to be reset, and nobody after the
        // first was ever admitted on an idle machine).
        using var app = QueueClient.App(engine, rate: 4, maxOutstanding: 10);
        var client = app.CreateClient();
        var tickets = new List<string>();
        for (var i = 0; i < 4; i++) tickets.Add((string)(await client.JoinAsync())["queueTicket"]!);
        foreach (var ticket in tickets) await client.AdmittedAsync(ticket);
    }

    [Theory, Engines]
    public async Task An_abandoned_admission_expires_and_the_queue_moves_on(string engine)
    {
        using var app = QueueClient.App(engine, rate: 1, maxOutstanding: 1, admissionSeconds: 60);
        var client = app.CreateClient();
        var first = (string)(await client.JoinAsync())["queueTicket"]!;
        var second = (string)(await client.JoinAsync())["queueTicket"]!;
        var admission = (string)(await client.AdmittedAsync(first))["admissionToken"]!;
        // The worker has its turns (as its own ticks would give it), and they admit nobody more.
        var worker = app.Services.GetServices<IHostedService>().OfType<QueueWorker>().Single();
        for (var i = 0; i < 3; i++) await worker.TickAsync(TimeSpan.FromMilliseconds(40), CancellationToken.None);
        var waiting = await client.StatusAsync(second);
        Assert.False((bool)waiting["admitted"]!); // one admission out, unused: the second waits
        Assert.Equal(1, (long)waiting["position"]!);

        app.Clock.Advance(TimeSpan.FromSeconds(61));
        await client.AdmittedAsync(second);
        var expired = await client.StatusAsync(first);
        Assert.True((bool)expired["expired"]!);
        await client.BookAsync(admission, Api.Guest()).ExpectProblem(HttpStatusCode.Forbidden, "queue_required");
    }

    [Theory, Engines]
    public async Task An_operator_can_guard_any_date_and_lift_the_guard(string engine)
    {
        using var app = QueueClient.App(engine, more: new Dictionary<string, string?> { ["Tidegate:Queue:AutoGuard"] = "false" });
        var client = app.CreateClient();
        var token = (string)(await client.PostJson("/api/v1/dev/token", new { role = "operator" }).Json())["token"]!;
        async Task Mark(bool guarded)
        {
            var request = new HttpRequestMessage(HttpMethod.Put, "/api/v1/admin/queue/2026-12-20") { Content = System.Net.Http.Json.JsonContent.Create(new { guarded }) };
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
            await (await client.SendAsync(request)).ExpectJson(HttpStatusCode.OK);
        }
        await Mark(true);
        await client.BookAsync(null, Api.Guest()).ExpectProblem(HttpStatusCode.Forbidden, "queue_required");
        await Mark(false);
        await client.BookAsync(null, Api.Guest()).ExpectJson(HttpStatusCode.Created);
        // Guests cannot mark.
        var anonymous = await client.SendAsync(new HttpRequestMessage(HttpMethod.Put, "/api/v1/admin/queue/2026-12-20")
        { Content = System.Net.Http.Json.JsonContent.Create(new { guarded = true }) });
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [Fact]
    public async Task Bad_tickets_and_dates_are_invalid_requests_and_the_page_renders()
    {
        using var app = QueueClient.App("sqlite");
        var client = app.CreateClient();
        var ticket = (string)(await client.JoinAsync())["queueTicket"]!;
        var other = new HttpRequestMessage(HttpMethod.Get, "/api/v1/queue/2026-12-21/status");
        other.Headers.Add("X-Queue-Ticket", ticket);
        await (await client.SendAsync(other)).ExpectProblem(HttpStatusCode.BadRequest, "invalid_request");
        await client.PostAsync("/api/v1/queue/2026-13-40", null).ExpectProblem(HttpStatusCode.BadRequest, "invalid_request");
        await client.PostAsync("/api/v1/queue/2026-11-01", null).ExpectProblem(HttpStatusCode.UnprocessableEntity, "booking_closed");
        var page = await client.GetAsync("/queue/2026-12-20");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("data-date=\"2026-12-20\"", html);
        Assert.Contains("/js/queue.js", html);
        Assert.Contains("待合室", html); // Japanese by default, in the site's frame
        Assert.Contains("Waiting room", await client.GetStringAsync("/queue/2026-12-20?lang=en"));
        Assert.Equal("no-store", page.Headers.CacheControl?.ToString());
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/queue/2026-02-30")).StatusCode);
    }

    /// <summary>The entry id inside a queue ticket "q1.base64url(date|id|position).signature".</summary>
    private static string EntryId(string ticket) =>
        System.Text.Encoding.UTF8.GetString(Infrastructure.Auth.Tokens.FromBase64Url(ticket.Split('.')[1])).Split('|')[1];
}
