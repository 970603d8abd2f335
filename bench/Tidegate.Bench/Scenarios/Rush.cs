using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Tidegate.Bench.Scenarios;

/// <summary>One call of a visitor, by kind ("join", "book", …): the scenario decides how it is counted and retried.</summary>
public delegate Task<(int Status, JsonNode? Body)> Call(string kind, Func<Task<(int Status, JsonNode? Body)>> send);

/// <summary>
/// The pieces of the 00:00 opening shared by midnight-rush and chaos: the date and its slots, the
/// server settings, the arrival schedule, the waiting room as the queue page walks it, the preferred
/// slot and the alternative on sold_out.
/// </summary>
public static class Rush
{
    public const string Date = "2026-12-20";
    public static readonly DateTimeOffset Opening = DateTimeOffset.Parse("2026-11-20T00:00:00+09:00");
    public const double EarlyWindowMs = 9_000, BurstMs = 10_000;

    public static Dictionary<string, string> Settings() => new()
    {
        ["Tidegate__Venue__SlotCapacity"] = "300",
        ["Tidegate__Queue__AdmissionsPerSecond"] = "800",
        ["Tidegate__Queue__MaxOutstanding"] = "800",
        ["Tidegate__Queue__TickMilliseconds"] = "100",
    };

    /// <summary>Arrival moments (ms): a fifth in the 9 s before 00:00, the rest in the 10 s after, front-loaded.</summary>
    public static double[] Schedule(int count, int seed = 42)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count)
            .Select(i => i < count / 5 ? random.NextDouble() * EarlyWindowMs : EarlyWindowMs + BurstMs * Math.Pow(random.NextDouble(), 2))
            .Order().ToArray();
    }

    public sealed record Admission(string? Token, string? Outcome, long TicketNumber, double AdmittedMs);

    /// <summary>Joins the waiting room and polls its status when the server says (plus jitter) until admitted.</summary>
    public static async Task<Admission> AdmitAsync(Visitors site, Call call, Stopwatch clock, double arrivedMs)
    {
        long number = -1;
        var joined = await call("join", () => site.PostAsync($"/api/v1/queue/{Date}", null));
        if (joined.Status != 201) return new(null, $"join {joined.Status}", number, -1);
        var ticket = (string)joined.Body!["queueTicket"]!;
        while (true)
        {
            if (clock.Elapsed.TotalMilliseconds - arrivedMs > 120_000) return new(null, "gave up waiting (120 s)", number, -1);
            var status = await call("status", () => site.GetAsync($"/api/v1/queue/{Date}/status", ("X-Queue-Ticket", ticket)));
            if (status.Status != 200) { await Task.Delay(1000); continue; }
            var s = status.Body!;
            if (s["ticketNumber"] is { } n) number = (long)n;
            if ((bool?)s["admitted"] == true) return new((string)s["admissionToken"]!, null, number, clock.Elapsed.TotalMilliseconds);
            if ((bool?)s["expired"] == true) return new(null, "expired", number, -1);
            if ((bool?)s["soldOut"] == true) return new(null, "sold out (waiting room)", number, -1);
            if ((string?)s["queueTicket"] is { } refreshed) ticket = refreshed;
            // As the queue page does: ask again when the server says it is worth it, with a little jitter.
            var after = (double?)s["pollAfterSeconds"] ?? Math.Clamp(((int?)s["estimatedWaitSeconds"] ?? 1) / 2.0, 1, 5);
            await Task.Delay(TimeSpan.FromSeconds(after + Random.Shared.NextDouble() * Math.Min(after, 2) * 0.5));
        }
    }

    /// <summary>The slot a visitor wants: busiest around 12:30.</summary>
    public static string PreferredStart()
    {
        var gaussian = Math.Sqrt(-2 * Math.Log(1 - Random.Shared.NextDouble())) * Math.Cos(2 * Math.PI * Random.Shared.NextDouble());
        var minute = 10 * 60 + 15 * (int)Math.Min(27, Math.Abs(gaussian * 7 + 10));
        return $"{minute / 60:00}:{minute % 60:00}";
    }

    /// <summary>On sold_out: the first recommendation, or (without that endpoint) the first slot availability shows with room.</summary>
    public static async Task<string?> AlternativeAsync(Visitors site, Call call, bool recommendationsExist, string start, int party)
    {
        if (recommendationsExist)
        {
            var rec = await call("recommendations", () => site.GetAsync($"/api/v1/recommendations?date={Date}&time={start}&persons={party}"));
            return rec.Body?["items"] is JsonArray { Count: > 0 } items ? Local((string)items[0]!["start"]!) : null;
        }
        var slots = (await call("availability", () => site.GetAsync($"/api/v1/availability?date={Date}"))).Body?["slots"] as JsonArray;
        var free = slots?.FirstOrDefault(s => (int)s!["remaining"]! >= party);
        return free is null ? null : Local((string)free["start"]!);
    }

    private static string Local(string start) => DateTimeOffset.Parse(start).ToOffset(TimeSpan.FromHours(9)).ToString("HH:mm");
}
