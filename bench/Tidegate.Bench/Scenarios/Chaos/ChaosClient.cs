using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace Tidegate.Bench.Scenarios.Chaos;

/// <summary>
/// Visitors that retry like browsers: after a connection error, a timeout or a 5xx the same request
/// (same Idempotency-Key, which the caller's closure carries) is sent again with a growing, jittered
/// pause, for up to 90 s. Every answer and every failure is counted by kind ("book 503", "pay connection").
/// </summary>
public sealed class ChaosClient
{
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromSeconds(90);
    public ConcurrentDictionary<string, int> Failures { get; } = new();
    public ConcurrentBag<int> Statuses { get; } = [];
    public int Retries => _retries;
    private int _retries;

    public async Task<(int Status, JsonNode? Body)> CallAsync(string kind, Func<Task<(int Status, JsonNode? Body)>> send)
    {
        var started = DateTime.UtcNow;
        for (var attempt = 1; ; attempt++)
        {
            (int Status, JsonNode? Body) answer;
            try { answer = await send(); }
            catch (Exception e) when (e is HttpRequestException or IOException or System.Net.Sockets.SocketException)
            {
                answer = (-1, null);
                Count(kind, "connection");
            }
            catch (TaskCanceledException) { answer = (-2, null); Count(kind, "timeout"); }
            if (answer.Status >= 0) Statuses.Add(answer.Status);
            if (answer.Status >= 500) Count(kind, answer.Status.ToString());
            if (answer.Status is >= 0 and < 500) return answer;
            if (DateTime.UtcNow - started > GiveUpAfter) return answer;
            Interlocked.Increment(ref _retries);
            var pause = Math.Min(4_000, 250 * Math.Pow(2, Math.Min(attempt, 5)));
            await Task.Delay(TimeSpan.FromMilliseconds(pause * (0.75 + Random.Shared.NextDouble() * 0.5)));
        }
    }

    private void Count(string kind, string what) => Failures.AddOrUpdate($"{kind} {what}", 1, (_, n) => n + 1);

    public int FiveHundreds => Failures.Where(f => IsFiveXx(f.Key)).Sum(f => f.Value);

    private static bool IsFiveXx(string key) => int.TryParse(key[(key.LastIndexOf(' ') + 1)..], out var s) && s >= 500;
}
