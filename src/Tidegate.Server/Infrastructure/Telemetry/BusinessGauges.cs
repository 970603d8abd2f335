using System.Diagnostics.Metrics;
using Tidegate.Domain.Common;
using Tidegate.Server.Features.Queue;
using Tidegate.Server.Features.Tickets.Mail;

namespace Tidegate.Server.Infrastructure.Telemetry;

/// <summary>
/// The observable gauges. Their callbacks run at each collection (a scrape, an OTLP export) and
/// read only what the app already keeps in memory: the waiting room's copy refreshed by its worker,
/// and the outbox age the mail worker measures between sends. No query per scrape.
/// </summary>
public sealed class BusinessGauges(IMeterFactory meters, QueueState queue, MailOutboxAge outbox, TimeProvider clock) : IHostedService
{
    public Task StartAsync(CancellationToken ct)
    {
        var meter = TidegateMetrics.ForApp(meters);
        meter.CreateObservableGauge("tidegate.queue.length", QueueLength, description: "Visitors in the waiting room not yet admitted, by visit date.");
        meter.CreateObservableGauge("tidegate.mail.outbox_age", () => outbox.OldestUnsentSeconds, "s",
            "Seconds the oldest unsent ticket email has waited (0 when none).");
        return Task.CompletedTask;
    }

    private IEnumerable<Measurement<long>> QueueLength()
    {
        var yesterday = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime).AddDays(-1);
        var total = 0L;
        foreach (var date in queue.Dates.Where(d => d.Row.VisitDate >= yesterday))
        {
            var waiting = Math.Max(0, date.Row.NextPosition - 1 - Math.Max(date.Row.AdmittedUpto, date.Progress.AdmittedUpTo));
            total += waiting;
            yield return new Measurement<long>(waiting, new KeyValuePair<string, object?>("date", IsoDate.Text(date.Row.VisitDate)));
        }
        if (total == 0) yield return new Measurement<long>(0);
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
