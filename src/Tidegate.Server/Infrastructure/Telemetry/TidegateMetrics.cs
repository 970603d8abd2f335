using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Tidegate.Server.Infrastructure.Telemetry;

/// <summary>
/// The business meters, all on the meter "Tidegate". Recording is an in-memory add (no I/O, no
/// query), cheap enough for the hot paths of holds and scans. Tag values come from fixed sets (the
/// contract's codes), never from a visitor's input, so the number of series stays small.
/// The observable gauges read state the app already keeps (<see cref="BusinessGauges"/>).
/// </summary>
public static class TidegateMetrics
{
    public const string MeterName = "Tidegate";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> HoldsCommitted = Meter.CreateCounter<long>("tidegate.holds.committed",
        description: "Holds committed (places claimed).");
    private static readonly Counter<long> HoldsRefused = Meter.CreateCounter<long>("tidegate.holds.refused",
        description: "Holds refused, by reason (sold_out, limit_exceeded, admission_used, duplicate_key).");
    private static readonly Counter<long> QueueAdmitted = Meter.CreateCounter<long>("tidegate.queue.admitted",
        description: "Waiting-room positions admitted to book.");
    private static readonly Counter<long> GateScans = Meter.CreateCounter<long>("tidegate.gate.scans",
        description: "Gate scans decided, by result and reason.");
    private static readonly Counter<long> PaymentOutcomes = Meter.CreateCounter<long>("tidegate.payments.outcomes",
        description: "Payments settled, by outcome (confirmed, confirmed_late, moved, refunding, failed, abandoned, mismatch).");
    private static readonly Histogram<double> WebhookLag = Meter.CreateHistogram<double>("tidegate.payments.webhook_lag", "s",
        "Seconds between the provider's event and its receipt here.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 300, 1800, 3600] });
    private static readonly Histogram<long> WriterBatchSize = Meter.CreateHistogram<long>("tidegate.writer.batch_size",
        description: "Items per group-commit transaction, by writer.",
        advice: new InstrumentAdvice<long> { HistogramBucketBoundaries = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024] });
    private static readonly Counter<double> WriterBusy = Meter.CreateCounter<double>("tidegate.writer.busy", "ms",
        "Milliseconds a group-commit writer spent running batches, by writer.");

    public static void HoldDecided(bool held, string? refusal)
    {
        if (held) HoldsCommitted.Add(1);
        else HoldsRefused.Add(1, new KeyValuePair<string, object?>("reason", refusal));
    }

    public static void Admitted(long positions) => QueueAdmitted.Add(positions);

    public static void ScanDecided(string result, string reason) =>
        GateScans.Add(1, new KeyValuePair<string, object?>("result", result), new KeyValuePair<string, object?>("reason", reason));

    public static void PaymentSettled(string outcome) => PaymentOutcomes.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    public static void WebhookReceived(TimeSpan lag) => WebhookLag.Record(Math.Max(0, lag.TotalSeconds));

    public static void WriterBatch(string writer, int items, TimeSpan busy)
    {
        var tag = new KeyValuePair<string, object?>("writer", writer);
        WriterBatchSize.Record(items, tag);
        WriterBusy.Add(busy.TotalMilliseconds, tag);
    }

    /// <summary>The app's own meter of the same name, for gauges whose callbacks read that app's state.</summary>
    public static Meter ForApp(IMeterFactory factory) => factory.Create(MeterName);
}
