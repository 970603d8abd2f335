using System.Diagnostics;

namespace Tidegate.Bench;

/// <summary>
/// Open-loop load: request i is fired at its scheduled moment whatever earlier requests are doing,
/// and its latency counts from that moment, so queueing anywhere (client pool, server) shows.
/// </summary>
public static class OpenLoop
{
    public sealed record Outcome(int Status, double LatencyMs, double DoneAtMs);

    public static async Task<Outcome[]> RunAsync(IReadOnlyList<double> scheduleMs, Func<int, Task<int>> send)
    {
        var outcomes = new Outcome[scheduleMs.Count];
        var tasks = new Task[scheduleMs.Count];
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < scheduleMs.Count; i++)
        {
            var due = scheduleMs[i];
            var wait = due - clock.Elapsed.TotalMilliseconds;
            if (wait > 2) await Task.Delay(TimeSpan.FromMilliseconds(wait - 1));
            tasks[i] = Fire(i, due);
        }
        await Task.WhenAll(tasks);
        return outcomes;

        async Task Fire(int i, double due)
        {
            int status;
            try { status = await send(i); }
            catch (Exception) { status = -1; }
            var now = clock.Elapsed.TotalMilliseconds;
            outcomes[i] = new Outcome(status, now - due, now);
        }
    }

    /// <summary>Evenly spaced arrivals at <paramref name="perSecond"/>.</summary>
    public static double[] Steady(int count, double perSecond) => Enumerable.Range(0, count).Select(i => i * 1000.0 / perSecond).ToArray();

    public static double Percentile(IEnumerable<double> values, double p)
    {
        var sorted = values.OrderBy(v => v).ToArray();
        if (sorted.Length == 0) return double.NaN;
        return sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];
    }

    /// <summary>Completed per second: answers over the time from the first scheduled send to the last answer.</summary>
    public static double Throughput(Outcome[] outcomes) => outcomes.Length / (outcomes.Max(o => o.DoneAtMs) / 1000.0);

    public static string Codes(IEnumerable<Outcome> outcomes) =>
        string.Join(" ", outcomes.GroupBy(o => o.Status).OrderBy(g => g.Key).Select(g => $"{g.Key}:{g.Count()}"));
}
