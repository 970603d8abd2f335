using Dapper;

namespace Tidegate.Bench.Scenarios;

/// <summary>
/// Gate scans (POST /api/v1/gate/scans with a registered device's token, as in production; a dev gate
/// token on builds without the device registry), open-loop at 2,500/s. Valid codes come
/// from confirmed bookings (checkout and sandbox payment); where those endpoints do not exist the
/// scans carry invalid codes and measure the refusal path only, and say so.
/// </summary>
public static class Gate
{
    private static async Task<string> GateTokenAsync(Visitors visitors, ScenarioResult result)
    {
        var registered = await visitors.PostAsync("/api/v1/admin/gate-devices", new { name = "bench-east-1", lane = "east-1" },
            ("Authorization", "Bearer " + await visitors.TokenAsync("operator")));
        if (registered.Status == 201) return (string)registered.Body!["token"]!;
        result.Notes.Add($"no device registry (POST /api/v1/admin/gate-devices answered {registered.Status}): scanning with a dev gate token");
        return await visitors.TokenAsync("gate");
    }

    public static async Task<ScenarioResult> RunAsync(Engine engine, bool quick)
    {
        var result = new ScenarioResult("gate");
        await using var server = await ServerProcess.StartAsync(engine, DateTimeOffset.Parse("2026-12-20T09:50:00+09:00"), new Dictionary<string, string>());
        using var visitors = new Visitors(server.BaseUrl);
        var token = await GateTokenAsync(visitors, result);
        var auth = ("Authorization", "Bearer " + token);
        var probe = await visitors.PostAsync("/api/v1/gate/scans", new { code = "probe", gateId = "east-1", nonce = Guid.NewGuid().ToString() }, auth);
        if (probe.Status == 404)
        {
            result.Available = false;
            result.Notes.Add("endpoint not available: POST /api/v1/gate/scans answers 404 in this build (issue 4)");
            return result;
        }
        var codes = await ConfirmedCodesAsync(visitors, quick ? 200 : 1000);
        if (codes.Count == 0) result.Notes.Add("no confirmed bookings (checkout/sandbox not available): scanning invalid codes, refusal path only");
        // Booked and paid before the first slot began; scanned at 10:35, inside all four slots' entry windows.
        await visitors.SetClockAsync(DateTimeOffset.Parse("2026-12-20T10:35:00+09:00"));
        // The set-up's ticket emails (QR images rendered per mail) would otherwise share the cores with the scans.
        var drained = await MailDrainedAsync(engine, server, TimeSpan.FromSeconds(60));
        result.Notes.Add($"waited {drained.TotalSeconds:F1} s for the set-up's {codes.Count} ticket emails to be sent before scanning");
        var count = quick ? 12_500 : 25_000;
        var outcomes = await OpenLoop.RunAsync(OpenLoop.Steady(count, 2_500), async i =>
            (await visitors.PostAsync("/api/v1/gate/scans", new
            {
                code = codes.Count > 0 ? codes[i % codes.Count] : $"invalid-{i}", gateId = "east-1", nonce = Guid.NewGuid().ToString(),
            }, auth)).Status);
        var writer = (await visitors.GetAsync("/api/v1/dev/scan-writer")).Body;
        if (writer is not null && writer["batches"] is not null)
            result.Notes.Add($"scan writer: {writer["items"]} scans in {writer["batches"]} transactions, busy {(double)writer["busyMs"]!:F0} ms");
        result.Add("p50", OpenLoop.Percentile(outcomes.Select(o => o.LatencyMs), 50), "ms");
        result.AtLeast("scansPerSecond", OpenLoop.Throughput(outcomes), 2000, "/s");
        result.AtMost("p99", OpenLoop.Percentile(outcomes.Select(o => o.LatencyMs), 99), 20, "ms");
        result.AtMost("non-200", outcomes.Count(o => o.Status != 200), 0, "");
        result.Notes.Add($"{count} scans at 2,500/s; answers {OpenLoop.Codes(outcomes)}");
        return result;
    }

    private static async Task<TimeSpan> MailDrainedAsync(Engine engine, ServerProcess server, TimeSpan limit)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        await using var db = engine.Open(server);
        while (started.Elapsed < limit && db.ExecuteScalar<long>("SELECT COUNT(*) FROM mail_outbox WHERE sent_at IS NULL AND failed = 0") > 0)
            await Task.Delay(200);
        return started.Elapsed;
    }

    /// <summary>The slots whose entry window (15 min before to 30 min after) includes 10:35, when the bench scans: 4 × 270 places.</summary>
    private static readonly string[] EnterableSlots = ["10:00", "10:15", "10:30", "10:45"];

    private static async Task<List<string>> ConfirmedCodesAsync(Visitors visitors, int count)
    {
        var codes = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var held = await visitors.PostAsync("/api/v1/bookings", Visitors.Booking("2026-12-20", EnterableSlots[i % EnterableSlots.Length], 1, $"gate{i}@example.com"));
            if (held.Status != 201) break;
            var id = (string)held.Body!["bookingId"]!;
            var key = ("X-Booking-Key", (string)held.Body!["accessKey"]!);
            var checkout = await visitors.PostAsync($"/api/v1/bookings/{id}/checkout", null, key);
            if (checkout.Status != 201) break;
            var paid = await visitors.PostAsync($"/sandbox/payments/{(string)checkout.Body!["paymentId"]!}/pay",
                new { cardNumber = "4242424242424242", expiry = "12/30", cvc = "123" });
            if (paid.Status != 200) break;
            // The sandbox's webhook confirms the booking a moment after the card is paid.
            for (var tries = 0; tries < 100; tries++)
            {
                var booking = await visitors.GetAsync($"/api/v1/bookings/{id}", key);
                if ((string?)booking.Body?["ticketCode"] is { } code) { codes.Add(code); break; }
                await Task.Delay(20);
            }
        }
        return codes;
    }
}
