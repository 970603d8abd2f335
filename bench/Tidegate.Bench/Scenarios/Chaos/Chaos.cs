using System.Diagnostics;

namespace Tidegate.Bench.Scenarios.Chaos;

/// <summary>
/// BENCHMARK scenario 11 (faults): the midnight rush with payment while instances are SIGKILLed and
/// restarted three times, PostgreSQL is restarted once (PostgreSQL form), and the sandbox fails 20%
/// of its calls and duplicates, delays, reorders and loses webhooks. Visitors retry like browsers.
/// Afterwards (reconciliation given up to --settle-seconds) the database is held against what each
/// visitor was told.
/// </summary>
public static class Chaos
{
    public static async Task<ScenarioResult> RunAsync(Engine engine, bool quick, ChaosOptions options)
    {
        var count = options.Visitors ?? (quick ? 2_000 : 10_000);
        var result = new ScenarioResult("chaos");
        var settings = Rush.Settings();
        foreach (var (k, v) in ChaosOptions.ServerSettings()) settings[k] = v;
        await using var deployment = await Deployment.StartAsync(engine, Rush.Opening.AddMinutes(-5), settings);
        var sites = deployment.Servers.Select(s => new Visitors(s.BaseUrl, connections: 512 / deployment.Servers.Count)).ToList();
        var recommendationsExist = (await sites[0].GetAsync($"/api/v1/recommendations?date={Rush.Date}&time=11:00&persons=2")).Status != 404;
        var schedule = Rush.Schedule(count);
        var (client, told) = (new ChaosClient(), new Told());
        var simStart = Rush.Opening.AddMilliseconds(-Rush.EarlyWindowMs);
        foreach (var site in sites) await site.SetClockAsync(simStart);

        var clock = Stopwatch.StartNew();
        var faults = new ChaosFaults(deployment, engine, options, clock, simStart, told, count);
        var faulting = faults.RunAsync();
        await OpenLoop.RunAsync(schedule, async i =>
        {
            try { await ChaosJourney.RunAsync(sites[i % sites.Count], client, told, clock, schedule[i], i, recommendationsExist); }
            catch (Exception e) { told.Outcome("client error " + e.GetType().Name); }
            return 0;
        });
        await faulting;
        var rushSeconds = clock.Elapsed.TotalSeconds;

        // Reconciliation settles what the webhooks lost: poll the database until nothing is owed, bounded.
        var waited = Stopwatch.StartNew();
        ChaosVerdict verdict;
        while (true)
        {
            await using (var db = engine.Open(deployment.First)) verdict = ChaosVerdict.Judge(db, told);
            if (verdict.Settled || waited.Elapsed.TotalSeconds >= options.SettleSeconds) break;
            await Task.Delay(2_000);
        }
        var forgotten = 0;
        foreach (var id in verdict.Unsettled)
        {
            var known = false;
            foreach (var site in sites) known |= (await site.GetAsync($"/sandbox/checkout/{id}")).Status == 200;
            if (!known) forgotten++;
        }
        foreach (var site in sites) site.Dispose();

        result.AtMost("acknowledged holds lost", verdict.HoldsLost, 0, "");
        result.AtMost("oversold slots", verdict.Oversold, 0, "");
        result.AtMost("paid, neither confirmed nor refunded", verdict.PaidUnsettled, 0, "");
        result.AtMost("confirmed, ticket emails != 1", verdict.ConfirmedMailNotOne, 0, "");
        if (verdict.LedgerUnsettled is { } ledgerUnsettled)
            result.AtMost("sandbox ledger: taken, unsettled", ledgerUnsettled, 0, "");
        result.Add("kills (SIGKILL + restart)", faults.Kills, "", "= 3", faults.Kills == 3);
        if (engine.Postgres is not null) result.Add("PostgreSQL restarts", faults.PostgresRestarts, "", "= 1", faults.PostgresRestarts == 1);
        result.Add("visitors", count, "");
        result.Add("holds acknowledged (201)", told.Holds.Count, "");
        result.Add("places held", told.Holds.Values.Sum(), "");
        result.Add("paid (sandbox said succeeded)", told.Paid.Count, "");
        if (verdict.LedgerSucceeded is { } taken) result.Add("sandbox ledger: succeeded", taken, "");
        result.Add("confirmed (database)", verdict.Confirmed, "");
        result.Add("refunded (database)", verdict.Refunded, "");
        result.Add("refunds still pending", verdict.RefundsPending, "");
        result.Add("payments still pending", verdict.PaymentsPending, "");
        result.Add("5xx answers", client.FiveHundreds, "");
        result.Add("client retries", client.Retries, "");
        result.Add("rush answered in", rushSeconds, "s");
        result.Add("waited for settlement", waited.Elapsed.TotalSeconds, "s");
        result.Notes.AddRange(faults.Log);
        result.Notes.Add("failures by kind: " + string.Join(", ", client.Failures.OrderByDescending(f => f.Value).Select(f => $"{f.Key} {f.Value}")));
        result.Notes.Add("answers: " + string.Join(" ", client.Statuses.GroupBy(s => s).OrderBy(g => g.Key).Select(g => $"{g.Key}:{g.Count()}")));
        result.Notes.Add("outcomes: " + string.Join(", ", told.Outcomes.OrderByDescending(o => o.Value).Select(o => $"{o.Key} {o.Value}")));
        result.Notes.Add("server settings for this scenario: " + string.Join(", ", ChaosOptions.ServerSettings().Select(s => $"{s.Key.Replace("__", ":")}={s.Value}")));
        if (verdict.PaidUnsettled > 0)
            result.Notes.Add($"of the {verdict.PaidUnsettled} paid but unsettled, the sandbox no longer knows {forgotten} (GET /sandbox/checkout/{{id}} answers 404: its payments were in the memory of a killed process)");
        result.Notes.Add(verdict.LedgerSucceeded is null
            ? "the sandbox keeps no ledger in the database in this build: payments taken are judged by what visitors were told"
            : "sandbox ledger: payments sandbox_payments says succeeded, checked like the ones visitors were told about");
        if (!verdict.Settled) result.Notes.Add($"NOT SETTLED after {options.SettleSeconds} s of waiting for reconciliation");
        return result;
    }
}
