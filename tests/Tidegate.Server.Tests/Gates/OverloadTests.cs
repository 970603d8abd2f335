namespace Tidegate.Server.Tests.Gates;

/// <summary>Full writer queues at the gate: a fast 503 with Retry-After that the device retries, never a 500, and nothing counted twice.</summary>
public class OverloadTests
{
    [Fact]
    public async Task A_full_scan_writer_answers_503_and_the_retry_with_the_same_nonce_admits_once()
    {
        using var app = new TestApp("sqlite", new Dictionary<string, string?>
        {
            ["Tidegate:Gates:QueueCapacity"] = "1", ["Tidegate:Gates:MaxBatch"] = "1",
        });
        var tickets = new List<Gate.Ticket>();
        for (var i = 0; i < 4; i++) tickets.Add(await Gate.ConfirmedTicketAsync(app, adult: 1, child: 0));
        app.Clock.Set(Gate.SlotStart);
        var gate = await Gate.ClientWithRoleAsync(app, "gate");

        var scans = Enumerable.Range(0, 120).Select(i => (Code: tickets[i % 4].Code, Nonce: $"n{i}")).ToList();
        var first = await Task.WhenAll(scans.Select(s => gate.ScanAsync(s.Code, nonce: s.Nonce)));
        Assert.All(first, r => Assert.Contains((int)r.StatusCode, new[] { 200, 503 }));
        Assert.Contains(first, r => (int)r.StatusCode == 503);
        foreach (var busy in first.Where(r => (int)r.StatusCode == 503))
        {
            Assert.Equal("1", busy.Headers.GetValues("Retry-After").Single());
            await busy.ExpectProblem(HttpStatusCode.ServiceUnavailable, "unavailable");
        }
        // The devices retry what was refused, one at a time, with the same nonces.
        for (var i = 0; i < scans.Count; i++)
            if ((int)first[i].StatusCode == 503) await gate.ScanOkAsync(scans[i].Code, nonce: scans[i].Nonce);
        foreach (var ticket in tickets) Assert.Equal(1, await Gate.AdmittedPersonsAsync(app, ticket.BookingId));
    }

    [Fact]
    public async Task A_full_write_lane_answers_503_with_retry_after_never_a_500()
    {
        using var app = new TestApp("sqlite", new Dictionary<string, string?>
        {
            ["Tidegate:Database:WriteLaneCapacity"] = "1", ["Tidegate:Database:WriteLaneBatch"] = "1",
        });
        var gate = await Gate.ClientWithRoleAsync(app, "gate");
        var exits = await Task.WhenAll(Enumerable.Range(0, 150).Select(_ => gate.PostJson("/api/v1/gate/exits", new { gateId = "west-1", count = 1 })));
        Assert.All(exits, r => Assert.Contains((int)r.StatusCode, new[] { 204, 503 }));
        Assert.Contains(exits, r => (int)r.StatusCode == 503);
        foreach (var busy in exits.Where(r => (int)r.StatusCode == 503))
        {
            Assert.Equal("1", busy.Headers.GetValues("Retry-After").Single());
            await busy.ExpectProblem(HttpStatusCode.ServiceUnavailable, "unavailable");
        }
    }
}
