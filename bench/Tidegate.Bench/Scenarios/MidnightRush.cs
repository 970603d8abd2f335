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
    private const string Date = Rush.Date;
    private static readonly DateTimeOffset Opening = Rush.Opening;

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
        await using var deployment = await Deployment.StartAsync(engine, Opening.AddMinutes(-5), Rush.Settings());
        var server = deployment.First;
        // Each visitor talks to one instance for its whole journey (instance i mod N).
        var clients = deployment.Servers.Select(s => new Visitors(s.BaseUrl, connections: 512 / deployment.Servers.Count)).ToList();
        var visitors = clients[0];
        var entrance = deployment.Proxy is not null ? deployment.Entrances(512)[0] : null;
        var recommendationsExist = (await visitors.GetAsync($"/api/v1/recommendations?date={Date}&time=11:00&persons=2")).Status != 404;
        var paymentsExist = true;
        const double earlyWindowMs = Rush.EarlyWindowMs;
        var schedule = Rush.Schedule(count);
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

        Task<(int Status, JsonNode? Body)> Call(string kind, Func<Task<(int Status, JsonNode? Body)>> send) => Track(send());

        // Through the proxy (--proxy) every visitor enters by nginx; the dev calls above and below go to the instances.
        Visitors Site(int i) => entrance ?? clients[i % clients.Count];

        async Task JourneyAsync(Visitor v, int i)
        {
            try
            {
                var party = 1 + i % 4;
                var admitted = await Rush.AdmitAsync(Site(i), Call, clock, v.ArrivedMs);
                v.TicketNumber = admitted.TicketNumber;
                if (admitted.Token is not { } admission) { v.Outcome = admitted.Outcome!; return; }
                v.AdmittedMs = admitted.AdmittedMs;
                await Track(Site(i).GetAsync($"/api/v1/availability?date={Date}"));
                var start = Rush.PreferredStart();
                var (status1, held) = await BookAsync(v, start, party, admission, i);
                if (status1 == 409)
                {
                    var alternative = await Rush.AlternativeAsync(Site(i), Call, recommendationsExist, start, party);
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
