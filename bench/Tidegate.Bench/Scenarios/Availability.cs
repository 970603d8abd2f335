using System.Diagnostics;

namespace Tidegate.Bench.Scenarios;

/// <summary>Availability reads open-loop at 16,000/s for 10 s, then how long a write takes to show.</summary>
public static class Availability
{
    public static async Task<ScenarioResult> RunAsync(Engine engine, bool quick)
    {
        var result = new ScenarioResult("availability");
        await using var server = await ServerProcess.StartAsync(engine, DateTimeOffset.Parse("2026-11-20T09:00:00+09:00"), new Dictionary<string, string>());
        using var visitors = new Visitors(server.BaseUrl, connections: 64);
        await visitors.GetAsync("/api/v1/availability?date=2026-12-20");
        var count = quick ? 48_000 : 160_000;
        var outcomes = await OpenLoop.RunAsync(OpenLoop.Steady(count, 16_000), async i =>
        {
            using var response = await visitors.Http.GetAsync("/api/v1/availability?date=2026-12-20", HttpCompletionOption.ResponseContentRead);
            return (int)response.StatusCode;
        });
        result.AtLeast("requestsPerSecond", OpenLoop.Throughput(outcomes), 15_000, "/s");
        result.AtMost("p99", OpenLoop.Percentile(outcomes.Select(o => o.LatencyMs), 99), 50, "ms");
        result.Add("p50", OpenLoop.Percentile(outcomes.Select(o => o.LatencyMs), 50), "ms");

        // Staleness: book, then read until the slot shows it.
        var before = (int)(await visitors.GetAsync("/api/v1/availability?date=2026-12-20")).Body!["slots"]![2]!["remaining"]!;
        var clock = Stopwatch.StartNew();
        await visitors.PostAsync("/api/v1/bookings", Visitors.Booking("2026-12-20", "10:30", 2, "stale@example.com"));
        while ((int)(await visitors.GetAsync("/api/v1/availability?date=2026-12-20")).Body!["slots"]![2]!["remaining"]! == before && clock.ElapsedMilliseconds < 10_000)
            await Task.Delay(5);
        result.AtMost("staleAfterWrite", clock.ElapsedMilliseconds, 2000, "ms");
        result.Notes.Add($"{count} reads at 16,000/s over 64 connections; answers {OpenLoop.Codes(outcomes)}");
        return result;
    }
}
