namespace Tidegate.Server.Tests.Gates;

/// <summary>Lanes scanning the same ticket at the same instant: the conditional UPDATE admits the party once.</summary>
public class ConcurrentScanTests
{
    [Theory, Engines]
    public async Task Two_lanes_scanning_one_ticket_at_the_same_instant_admit_it_once(string engine)
    {
        using var app = new TestApp(engine);
        var tickets = new List<Gate.Ticket>();
        for (var i = 0; i < 5; i++) tickets.Add(await Gate.ConfirmedTicketAsync(app));
        app.Clock.Set(Gate.SlotStart);
        var lanes = new[] { await Gate.ClientWithRoleAsync(app, "gate", "east-1"), await Gate.ClientWithRoleAsync(app, "gate", "east-2") };

        foreach (var ticket in tickets)
        {
            var start = new TaskCompletionSource();
            var scans = Enumerable.Range(0, 2).Select(async lane =>
            {
                await start.Task;
                return await lanes[lane].ScanOkAsync(ticket.Code, $"east-{lane + 1}");
            }).ToList();
            start.SetResult();
            var decisions = await Task.WhenAll(scans);
            Assert.Single(decisions, d => (string)d["result"]! == "admitted");
            Assert.Single(decisions, d => (string?)d["reason"] == "already_used");
            Assert.Equal(3, await Gate.AdmittedPersonsAsync(app, ticket.BookingId));
            Assert.Equal(3, await Gate.ScannedAdmissionsAsync(app, ticket.BookingId));
        }
    }

    [Theory, Engines]
    public Task Many_lanes_admitting_one_person_each_never_exceed_the_party(string engine) =>
        ManyLanesAsync(new TestApp(engine));

    [Theory, Engines]
    public Task Without_group_commit_many_lanes_never_exceed_the_party_either(string engine) =>
        ManyLanesAsync(new TestApp(engine, new Dictionary<string, string?> { ["Tidegate:Gates:GroupCommit"] = "false" }));

    private static async Task ManyLanesAsync(TestApp created)
    {
        using var app = created;
        var ticket = await Gate.ConfirmedTicketAsync(app, adult: 4, child: 2);
        app.Clock.Set(Gate.SlotStart);
        var gate = await Gate.ClientWithRoleAsync(app, "gate");
        var start = new TaskCompletionSource();
        var scans = Enumerable.Range(0, 24).Select(async lane =>
        {
            using var client = app.CreateClient();
            client.DefaultRequestHeaders.Authorization = gate.DefaultRequestHeaders.Authorization;
            await start.Task;
            return await client.ScanOkAsync(ticket.Code, $"lane-{lane}", admit: 1);
        }).ToList();
        start.SetResult();
        var decisions = await Task.WhenAll(scans);

        Assert.Equal(6, decisions.Count(d => (string)d["result"]! == "admitted"));
        Assert.Equal(18, decisions.Count(d => (string?)d["reason"] == "already_used"));
        Assert.Equal(6, await Gate.AdmittedPersonsAsync(app, ticket.BookingId));
        Assert.Equal(6, await Gate.ScannedAdmissionsAsync(app, ticket.BookingId));
    }
}
