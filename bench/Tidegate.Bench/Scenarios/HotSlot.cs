using Dapper;

namespace Tidegate.Bench.Scenarios;

/// <summary>
/// 20,000 booking attempts (parties of 1, distinct visitors) at one slot of 5,000 online places,
/// fired open-loop at 10,000/s; then the raw engine baseline in the same run. With --instances N
/// (PostgreSQL) the attempts alternate between N instances over the one database, and the target
/// is scenario 7's 1,500/s.
/// </summary>
public static class HotSlot
{
    public static async Task<ScenarioResult> RunAsync(Engine engine, bool quick)
    {
        const int capacity = 5000;
        var attempts = quick ? 10_000 : 20_000;
        var result = new ScenarioResult("hot-slot");
        await using var deployment = await Deployment.StartAsync(engine, DateTimeOffset.Parse("2026-11-20T09:00:00+09:00"), new Dictionary<string, string>
        {
            ["Tidegate__Venue__SlotCapacity"] = capacity.ToString(), ["Tidegate__Venue__BoxOfficePercent"] = "0",
            ["Tidegate__Booking__QueueCapacity"] = "20000",
        });
        var server = deployment.First;
        var clients = deployment.Entrances();
        var direct = deployment.Servers.Select(s => new Visitors(s.BaseUrl)).ToList();
        foreach (var client in direct) await client.GetAsync("/api/v1/availability?date=2026-12-20"); // warm: slot rows, calendar, JIT
        foreach (var client in clients) await client.GetAsync("/api/v1/availability?date=2026-12-20");
        var cpu0 = deployment.ServerCpu();
        var outcomes = await OpenLoop.RunAsync(OpenLoop.Steady(attempts, 10_000), async i =>
            (await clients[i % clients.Count].PostAsync("/api/v1/bookings", Visitors.Booking("2026-12-20", "10:30", 1, $"hot{i}@example.com"))).Status);
        var serverCpu = (deployment.ServerCpu() - cpu0).TotalSeconds;
        var writers = new List<System.Text.Json.Nodes.JsonNode>();
        foreach (var client in direct)
            if ((await client.GetAsync("/api/v1/dev/hold-writer")).Body is { } body) writers.Add(body);
        foreach (var client in clients.Concat(direct)) client.Dispose();
        var created = outcomes.Where(o => o.Status == 201).ToList();
        var committedPerSecond = created.Count / (created.Max(o => o.DoneAtMs) / 1000.0);

        await using (var db = engine.Open(server))
        {
            result.Add("held", db.ExecuteScalar<long>("SELECT COALESCE(SUM(online_taken), 0) FROM slots"), "places", $"= {capacity}", created.Count == capacity);
            var oversold = Engine.Oversold(db);
            result.AtMost("oversold", oversold, 0, "slots");
        }
        var raw = await RawEngine.MeasureAsync(engine, capacity, workers: 16);
        result.AtLeast("committedPerSecond", committedPerSecond, engine.Instances > 1 ? 1500 : 10_000, "/s");
        result.Add("rawEngineRate", raw, "/s");
        result.AtLeast("ratioToRaw", committedPerSecond / raw, engine.Instances > 1 ? 1.5 : 3, "x");
        result.Add("p50 all", OpenLoop.Percentile(outcomes.Select(o => o.LatencyMs), 50), "ms");
        result.Add("p99 all", OpenLoop.Percentile(outcomes.Select(o => o.LatencyMs), 99), "ms");
        result.Add("p99 held", OpenLoop.Percentile(created.Select(o => o.LatencyMs), 99), "ms");
        result.AtMost("5xx", outcomes.Count(o => o.Status >= 500 || o.Status < 0), 0, "");
        result.Add("server CPU", serverCpu, "s");
        result.Add("peak memory", deployment.PeakMemoryMb(), "MB");
        if (writers.Count > 0)
        {
            result.Add("writer busy", writers.Max(w => (double)w["busyMs"]!), "ms");
            result.Add("average batch", writers.Sum(w => (double)w["items"]!) / Math.Max(1, writers.Sum(w => (double)w["batches"]!)), "holds");
        }
        if (engine.Instances > 1) result.Add("instances", engine.Instances, "");
        if (deployment.Proxy is not null) result.Notes.Add("through nginx (deploy/nginx/tidegate.conf; TLS, 256 client connections from distinct loopback addresses)");
        result.Add("span of holds", created.Max(o => o.DoneAtMs), "ms");
        result.Notes.Add($"{attempts} attempts at 10,000/s; answers {OpenLoop.Codes(outcomes)}; raw = 16 connections, one claim+insert transaction each, same durability");
        return result;
    }
}
