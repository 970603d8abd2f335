using Dapper;

namespace Tidegate.Bench.Scenarios;

/// <summary>
/// 20,000 booking attempts (parties of 1, distinct visitors) at one slot of 5,000 online places,
/// fired open-loop at 10,000/s; then the raw engine baseline in the same run.
/// </summary>
public static class HotSlot
{
    public static async Task<ScenarioResult> RunAsync(Engine engine, bool quick)
    {
        const int capacity = 5000;
        var attempts = quick ? 10_000 : 20_000;
        var result = new ScenarioResult("hot-slot");
        await using var server = await ServerProcess.StartAsync(engine, DateTimeOffset.Parse("2026-11-20T09:00:00+09:00"), new Dictionary<string, string>
        {
            ["Tidegate__Venue__SlotCapacity"] = capacity.ToString(), ["Tidegate__Venue__BoxOfficePercent"] = "0",
            ["Tidegate__Booking__QueueCapacity"] = "20000",
        });
        using var visitors = new Visitors(server.BaseUrl);
        await visitors.GetAsync("/api/v1/availability?date=2026-12-20"); // warm: slot rows, calendar, JIT
        var cpu0 = server.ServerCpu();
        var outcomes = await OpenLoop.RunAsync(OpenLoop.Steady(attempts, 10_000), async i =>
            (await visitors.PostAsync("/api/v1/bookings", Visitors.Booking("2026-12-20", "10:30", 1, $"hot{i}@example.com"))).Status);
        var serverCpu = (server.ServerCpu() - cpu0).TotalSeconds;
        var writer = (await visitors.GetAsync("/api/v1/dev/hold-writer")).Body;
        var created = outcomes.Where(o => o.Status == 201).ToList();
        var committedPerSecond = created.Count / (created.Max(o => o.DoneAtMs) / 1000.0);

        await using (var db = engine.Open(server))
        {
            result.Add("held", db.ExecuteScalar<long>("SELECT COALESCE(SUM(online_taken), 0) FROM slots"), "places", $"= {capacity}", created.Count == capacity);
            var oversold = Engine.Oversold(db);
            result.AtMost("oversold", oversold, 0, "slots");
        }
        var raw = await RawEngine.MeasureAsync(engine, capacity, workers: 16);
        result.AtLeast("committedPerSecond", committedPerSecond, 5000, "/s");
        result.Add("rawEngineRate", raw, "/s");
        result.AtLeast("ratioToRaw", committedPerSecond / raw, 1.5, "x");
        result.Add("p50 all", OpenLoop.Percentile(outcomes.Select(o => o.LatencyMs), 50), "ms");
        result.Add("p99 all", OpenLoop.Percentile(outcomes.Select(o => o.LatencyMs), 99), "ms");
        result.Add("p99 held", OpenLoop.Percentile(created.Select(o => o.LatencyMs), 99), "ms");
        result.AtMost("5xx", outcomes.Count(o => o.Status >= 500 || o.Status < 0), 0, "");
        result.Add("server CPU", serverCpu, "s");
        result.Add("peak memory", server.PeakMemoryMb(), "MB");
        if (writer is not null)
        {
            result.Add("writer busy", (double)writer["busyMs"]!, "ms");
            result.Add("average batch", (double)writer["averageBatch"]!, "holds");
        }
        result.Add("span of holds", created.Max(o => o.DoneAtMs), "ms");
        result.Notes.Add($"{attempts} attempts at 10,000/s; answers {OpenLoop.Codes(outcomes)}; raw = 16 connections, one claim+insert transaction each, same durability");
        return result;
    }
}
