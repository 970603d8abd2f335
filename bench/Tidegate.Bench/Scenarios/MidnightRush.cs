using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json.Nodes;
using Dapper;

namespace Tidegate.Bench.Scenarios;

/// <summary>
/// The 00:00 opening of one popular date (28 slots × 270 online places = 7,560): visitors (parties
/// of 1–4) arrive open-loop, a fifth in the 9 s before 00:00 and the rest in the 10 s after; each
/// joins the waiting room, polls its status, and once admitted reads availability, books its
/// preferred slot, on sold_out follows the recommendations once, then checks out and pays in the
/// sandbox (holds only, and said so, where those endpoints do not exist yet).
/// </summary>
public static class MidnightRush
{
    private const string Date = "2026-12-20";
    private static readonly DateTimeOffset Opening = DateTimeOffset.Parse("2026-11-20T00:00:00+09:00");

    private sealed class Visitor
    {
        public double ArrivedMs;
        public double DoneMs;
        public long TicketNumber = -1;
        public double AdmittedMs = -1;
        public string Outcome = "";
        public readonly List<double> BookingMs = [];
    }

    public static async Task<ScenarioResult> RunAsync(Engine engine, bool quick)
    {
        var count = quick ? 10_000 : 50_000;
        var result = new ScenarioResult("midnight-rush");
        await using var deployment = await Deployment.StartAsync(engine, Opening.AddMinutes(-5), new Dictionary<string, string>
        {
            ["Tidegate__Venue__SlotCapacity"] = "300",
            ["Tidegate__Queue__AdmissionsPerSecond"] = "800",
            ["Tidegate__Queue__MaxOutstanding"] = "800",
            ["Tidegate__Queue__TickMilliseconds"] = "100",
        });
        var server = deployment.First;
        // Each visitor talks to one instance for its whole journey (instance i mod N).
        var clients = deployment.Servers.Select(s => new Visitors(s.BaseUrl, connections: 512 / deployment.Servers.Count)).ToList();
        var visitors = clients[0];
        var entrance = deployment.Proxy is not null ? deployment.Entrances(512)[0] : null;
        var recommendationsExist = (await visitors.GetAsync($"/api/v1/recommendations?date={Date}&time=11:00&persons=2")).Status != 404;
        var paymentsExist = true;
        const double earlyWindowMs = 9_000, burstMs = 10_000;
        var random = new Random(42);
        var schedule = Enumerable.Range(0, count)
            .Select(i => i < count / 5 ? random.NextDouble() * earlyWindowMs : earlyWindowMs + burstMs * Math.Pow(random.NextDouble(), 2))
            .Order().ToArray();
        var people = schedule.Select(s => new Visitor { ArrivedMs = s }).ToArray();
        var statuses = new ConcurrentBag<int>();
        var clock = Stopwatch.StartNew();
        foreach (var client in clients) await client.SetClockAsync(Opening.AddMilliseconds(-earlyWindowMs));
        var cpu0 = deployment.ServerCpu();
        clock.Restart();
        await OpenLoop.RunAsync(schedule, async i => { await JourneyAsync(people[i], i); return 0; });
        var serverCpu = (deployment.ServerCpu() - cpu0).TotalSeconds;
        foreach (var (client, n) in clients.Select((c, n) => (c, n)))
        {
            var on = clients.Count > 1 ? $" (instance {n + 1})" : "";
            var writer = (await client.GetAsync("/api/v1/dev/hold-writer")).Body;
            if (writer is not null) result.Notes.Add($"hold writer{on}: {writer["items"]} holds in {writer["batches"]} batches, busy {(double)writer["busyMs"]!:F0} ms");
            var lane = (await client.GetAsync("/api/v1/dev/write-lane")).Body;
            if (lane is not null && lane["batches"] is not null)
                result.Notes.Add($"write lane{on} (payments, confirmations, mail): {lane["items"]} writes in {lane["batches"]} transactions, busy {(double)lane["busyMs"]!:F0} ms");
        }

        async Task<(int Status, JsonNode? Body)> Track(Task<(int Status, JsonNode? Body)> call)
        {
            var answer = await call;
            statuses.Add(answer.Status);
            return answer;
        }

        // Through the proxy (--proxy) every visitor enters by nginx; the dev calls above and below go to the instances.
        Visitors Site(int i) => entrance ?? clients[i % clients.Count];

        async Task JourneyAsync(Visitor v, int i)
        {
            try
            {
                var party = 1 + i % 4;
                var joined = await Track(Site(i).PostAsync($"/api/v1/queue/{Date}", null));
                if (joined.Status != 201) { v.Outcome = $"join {joined.Status}"; return; }
                var ticket = (string)joined.Body!["queueTicket"]!;
                string? admission = null;
                while (admission is null)
                {
                    if (clock.Elapsed.TotalMilliseconds - v.ArrivedMs > 120_000) { v.Outcome = "gave up waiting (120 s)"; return; }
                    var status = await Track(Site(i).GetAsync($"/api/v1/queue/{Date}/status", ("X-Queue-Ticket", ticket)));
                    if (status.Status != 200) { await Task.Delay(1000); continue; }
                    var s = status.Body!;
                    if (s["ticketNumber"] is { } n) v.TicketNumber = (long)n;
                    if ((bool?)s["admitted"] == true) { admission = (string)s["admissionToken"]!; v.AdmittedMs = clock.Elapsed.TotalMilliseconds; break; }
                    if ((bool?)s["expired"] == true) { v.Outcome = "expired"; return; }
                    if ((bool?)s["soldOut"] == true) { v.Outcome = "sold out (waiting room)"; return; }
                    if ((string?)s["queueTicket"] is { } refreshed) ticket = refreshed;
                    // As the queue page does: ask again when the server says it is worth it, with a little jitter.
                    var after = (double?)s["pollAfterSeconds"] ?? Math.Clamp(((int?)s["estimatedWaitSeconds"] ?? 1) / 2.0, 1, 5);
                    await Task.Delay(TimeSpan.FromSeconds(after + Random.Shared.NextDouble() * Math.Min(after, 2) * 0.5));
                }
                await Track(Site(i).GetAsync($"/api/v1/availability?date={Date}"));
                var preferred = 10 * 60 + 15 * (int)Math.Min(27, Math.Abs(NextGaussian() * 7 + 10)); // busiest around 12:30
                var start = $"{preferred / 60:00}:{preferred % 60:00}";
                var (status1, held) = await BookAsync(v, start, party, admission, i);
                if (status1 == 409)
                {
                    var alternative = await AlternativeAsync(start, party, i);
                    if (alternative is null) { v.Outcome = "sold out"; return; }
                    (status1, held) = await BookAsync(v, alternative, party, admission, i);
                }
                if (status1 != 201) { v.Outcome = status1 == 409 ? "sold out" : $"booking {status1}"; return; }
                v.Outcome = "held";
                if (!paymentsExist) return;
                var key = ("X-Booking-Key", (string)held!["accessKey"]!);
                var checkout = await Track(Site(i).PostAsync($"/api/v1/bookings/{(string)held["bookingId"]!}/checkout", null, key));
                if (checkout.Status == 404) { paymentsExist = false; return; }
                var paid = await Track(Site(i).PostAsync($"/sandbox/payments/{(string)checkout.Body!["paymentId"]!}/pay",
                    new { cardNumber = "4242424242424242", expiry = "12/30", cvc = "123" }));
                v.Outcome = paid.Status == 200 && (string?)paid.Body?["status"] == "succeeded" ? "paid" : $"payment {paid.Status}";
            }
            catch (Exception e)
            {
                v.Outcome = "client error " + e.GetType().Name;
            }
            finally
            {
                v.DoneMs = clock.Elapsed.TotalMilliseconds;
            }
        }

        async Task<(int, JsonNode?)> BookAsync(Visitor v, string start, int party, string admission, int i)
        {
            var sent = Stopwatch.GetTimestamp();
            var answer = await Track(Site(i).PostAsync("/api/v1/bookings", Visitors.Booking(Date, start, party, $"rush{i}@example.com"),
                ("X-Admission-Token", admission)));
            v.BookingMs.Add(Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
            return answer;
        }

        async Task<string?> AlternativeAsync(string start, int party, int i)
        {
            if (recommendationsExist)
            {
                var rec = await Track(Site(i).GetAsync($"/api/v1/recommendations?date={Date}&time={start}&persons={party}"));
                if (rec.Body?["items"] is JsonArray items && items.Count > 0)
                    return DateTimeOffset.Parse((string)items[0]!["start"]!).ToOffset(TimeSpan.FromHours(9)).ToString("HH:mm");
                return null;
            }
            var slots = (await Track(Site(i).GetAsync($"/api/v1/availability?date={Date}"))).Body?["slots"] as JsonArray;
            var free = slots?.FirstOrDefault(s => (int)s!["remaining"]! >= party);
            return free is null ? null : DateTimeOffset.Parse((string)free["start"]!).ToOffset(TimeSpan.FromHours(9)).ToString("HH:mm");
        }

        await using (var db = engine.Open(server))
        {
            var sold = db.ExecuteScalar<long>($"SELECT COALESCE(SUM(online_taken), 0) FROM slots WHERE visit_date = '{Date}'");
            var places = db.ExecuteScalar<long>($"SELECT COALESCE(SUM(online_capacity), 0) FROM slots WHERE visit_date = '{Date}'");
            result.AtMost("oversold", Engine.Oversold(db), 0, "slots");
            result.Add("placesSold", sold, "places", $"= {places}", sold == places);
            var shuffled = db.ExecuteScalar<long>($"SELECT COUNT(*) FROM queue_dates WHERE visit_date = '{Date}' AND shuffled_at IS NOT NULL");
            result.Add("earlyArrivalsShuffled", shuffled, "", "= 1", shuffled == 1);
        }
        var fivexx = statuses.Count(s => s >= 500);
        result.AtMost("5xx answers", fivexx, 0, "");
        var arrivedFirst = people.Min(p => p.ArrivedMs);
        result.AtMost("burstAnsweredIn", (people.Max(p => p.DoneMs) - arrivedFirst) / 1000, 60, "s");
        var admitted = people.Where(p => p.AdmittedMs >= 0).ToList();
        result.AtMost("p99 admitted booking", OpenLoop.Percentile(admitted.SelectMany(p => p.BookingMs), 99), 100, "ms");
        result.Add("p50 admitted booking", OpenLoop.Percentile(admitted.SelectMany(p => p.BookingMs), 50), "ms");
        result.AtMost("peakServerMemory", deployment.PeakMemoryMb(), 512, "MB");
        if (clients.Count > 1) result.Add("instances", clients.Count, "");
        foreach (var client in clients) client.Dispose();
        entrance?.Dispose();
        result.Add("admissionOrderTau", KendallTau(admitted.Where(p => p.TicketNumber > 0).Select(p => (p.TicketNumber, p.AdmittedMs)).ToList()), "",
            ">= 0.9", null);
        result.Add("visitors", count, "");
        result.Add("admitted", admitted.Count, "");
        result.Add("server CPU", serverCpu, "s");
        result.Add("requests", statuses.Count, "");
        result.Notes.Add("outcomes: " + string.Join(", ", people.GroupBy(p => p.Outcome).OrderByDescending(g => g.Count()).Select(g => $"{g.Key} {g.Count()}")));
        result.Notes.Add("answers: " + string.Join(" ", statuses.GroupBy(s => s).OrderBy(g => g.Key).Select(g => $"{g.Key}:{g.Count()}")));
        if (!paymentsExist) result.Notes.Add("HOLDS ONLY: checkout/sandbox payment endpoints answer 404 in this build (issue 3); places are held, not paid");
        if (!recommendationsExist) result.Notes.Add("recommendations endpoint not available: on sold_out the visitor takes the first slot availability shows with room");
        result.Notes.Add("admissionOrderTau: rank correlation of queue position and the moment the visitor saw its admission (client polling adds jitter; the server admits strictly by position)");
        return result;
    }

    private static double NextGaussian() =>
        Math.Sqrt(-2 * Math.Log(1 - Random.Shared.NextDouble())) * Math.Cos(2 * Math.PI * Random.Shared.NextDouble());

    /// <summary>Kendall's tau-a on a sample of at most 3,000 pairs of (position, admitted at).</summary>
    private static double KendallTau(List<(long Position, double At)> points)
    {
        if (points.Count < 2) return double.NaN;
        var sample = points.OrderBy(_ => Random.Shared.Next()).Take(3000).ToArray();
        long concordant = 0, discordant = 0;
        for (var i = 0; i < sample.Length; i++)
            for (var j = i + 1; j < sample.Length; j++)
            {
                var s = Math.Sign(sample[i].Position - sample[j].Position) * Math.Sign(sample[i].At - sample[j].At);
                if (s > 0) concordant++; else if (s < 0) discordant++;
            }
        return (double)(concordant - discordant) / Math.Max(1, concordant + discordant);
    }
}
