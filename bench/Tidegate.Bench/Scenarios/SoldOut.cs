using Dapper;

namespace Tidegate.Bench.Scenarios;

/// <summary>Booking requests for a full slot, open-loop at 12,000/s: answered from memory, nothing written.</summary>
public static class SoldOut
{
    public static async Task<ScenarioResult> RunAsync(Engine engine, bool quick)
    {
        var result = new ScenarioResult("sold-out");
        await using var server = await ServerProcess.StartAsync(engine, DateTimeOffset.Parse("2026-11-20T09:00:00+09:00"), new Dictionary<string, string>
        {
            ["Tidegate__Venue__SlotCapacity"] = "10", ["Tidegate__Venue__BoxOfficePercent"] = "0",
        });
        using var visitors = new Visitors(server.BaseUrl);
        await visitors.PostAsync("/api/v1/bookings", Visitors.Booking("2026-12-20", "10:30", 10, "filler@example.com"));
        await visitors.PostAsync("/api/v1/bookings", Visitors.Booking("2026-12-20", "10:30", 1, "first@example.com")); // the refusal that is remembered
        var before = Writes(engine, server);
        var count = quick ? 36_000 : 120_000;
        var outcomes = await OpenLoop.RunAsync(OpenLoop.Steady(count, 12_000), async i =>
            (await visitors.PostAsync("/api/v1/bookings", Visitors.Booking("2026-12-20", "10:30", 1 + i % 4, $"s{i}@example.com"))).Status);
        var after = Writes(engine, server);
        result.AtLeast("answeredPerSecond", OpenLoop.Throughput(outcomes), 10_000, "/s");
        result.AtMost("p99", OpenLoop.Percentile(outcomes.Select(o => o.LatencyMs), 99), 20, "ms");
        result.Add("p50", OpenLoop.Percentile(outcomes.Select(o => o.LatencyMs), 50), "ms");
        result.AtMost("databaseWrites", after - before, 0, "");
        result.AtMost("non-409 answers", outcomes.Count(o => o.Status != 409), 0, "");
        result.Notes.Add($"{count} requests at 12,000/s; answers {OpenLoop.Codes(outcomes)}; writes = change of {(engine.Postgres is null ? "the WAL file size" : "xact_commit of the database")}");
        return result;
    }

    private static long Writes(Engine engine, ServerProcess server)
    {
        if (engine.Postgres is null)
        {
            var wal = server.SqlitePath + "-wal";
            return File.Exists(wal) ? new FileInfo(wal).Length : 0;
        }
        using var db = engine.Open(server);
        return db.ExecuteScalar<long>("SELECT COUNT(*) FROM bookings") + db.ExecuteScalar<long>("SELECT SUM(online_taken) FROM slots");
    }
}
