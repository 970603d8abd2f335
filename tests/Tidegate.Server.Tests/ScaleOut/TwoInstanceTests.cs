using Dapper;
using Tidegate.Server.Tests.Queue;

namespace Tidegate.Server.Tests.ScaleOut;

/// <summary>Two Tidegate instances over one PostgreSQL database, as behind a load balancer: one capacity, one waiting line.</summary>
public class TwoInstanceTests
{
    [PostgresFact]
    public async Task Two_instances_sell_exactly_the_capacity_of_one_slot_between_them()
    {
        using var first = new TestApp("postgres", new Dictionary<string, string?> { ["Tidegate:Venue:SlotCapacity"] = "100" }); // 90 online
        using var second = new TestApp(first);
        const int clients = 400;
        var start = new TaskCompletionSource();
        var attempts = Enumerable.Range(0, clients).Select(async i =>
        {
            using var client = (i % 2 == 0 ? first : second).CreateClient();
            await start.Task;
            return await client.PostJson("/api/v1/bookings", Api.Guest(adult: 1 + i % 2, email: $"visitor{i}@example.com"));
        }).ToList();
        start.SetResult();
        var responses = await Task.WhenAll(attempts);

        Assert.DoesNotContain(responses, r => (int)r.StatusCode >= 500);
        Assert.Equal(clients, responses.Count(r => r.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict));
        await using var connection = await first.Db.OpenAsync();
        var taken = await connection.ExecuteScalarAsync<long>("SELECT online_taken FROM slots WHERE visit_date = '2026-12-20' AND start_minute = 630");
        var held = await connection.ExecuteScalarAsync<long>("SELECT SUM(persons) FROM bookings WHERE status = 'held'");
        Assert.Equal(taken, held);
        Assert.InRange(held, 89, 90); // never oversold, nothing left while visitors were refused (parties of 2 may leave one)
    }

    [PostgresFact]
    public async Task Two_instances_keep_one_waiting_line_and_honour_each_others_tickets_and_admissions()
    {
        using var first = QueueClient.App("postgres", rate: 2, maxOutstanding: 2);
        using var second = new TestApp(first);
        var (a, b) = (first.CreateClient(), second.CreateClient());

        // Joins through either instance take the next place of one line.
        var tickets = new List<string>();
        for (var i = 0; i < 8; i++)
        {
            var joined = await (i % 2 == 0 ? a : b).JoinAsync();
            Assert.Equal(i + 1, (long)joined["ticketNumber"]!);
            tickets.Add((string)joined["queueTicket"]!);
        }

        // A ticket from one instance is read by the other; admission follows the line, whichever instance advances it.
        var admitted = await b.AdmittedAsync(tickets[0]);
        Assert.False((bool)(await a.StatusAsync(tickets[7]))["admitted"]!);
        var token = (string)admitted["admissionToken"]!;

        // The admission books once, on any instance.
        await a.BookAsync(token, Api.Guest(email: "first@example.com")).ExpectJson(HttpStatusCode.Created);
        await b.BookAsync(token, Api.Guest(email: "again@example.com")).ExpectProblem(HttpStatusCode.Forbidden, "queue_required");
    }
}
