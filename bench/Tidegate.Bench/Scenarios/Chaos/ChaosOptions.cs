namespace Tidegate.Bench.Scenarios.Chaos;

/// <summary>
/// bench chaos [--visitors N] [--pg-restart "COMMAND"] [--settle-seconds S]: the rush's size (10,000;
/// 2,000 with --quick), the shell command that restarts PostgreSQL (PostgreSQL form only; the default
/// is Debian's, run as root on the bench machine), and how long to wait for reconciliation at the end.
/// </summary>
public sealed record ChaosOptions(int? Visitors, string PgRestart, int SettleSeconds)
{
    public const string DefaultPgRestart = "pg_ctlcluster 15 main restart";

    /// <summary>
    /// When each fault fires: the first kill 6 s after the first arrival (joins and the waiting room
    /// before 00:00), the others once a share of the visitors has paid, so they land while bookings,
    /// checkouts, payments and webhooks are in flight; each at the latest 60 s after the previous one.
    /// </summary>
    public static readonly (string Fault, double AtMs, double PaidShare)[] Plan =
    [
        ("kill", 6_000, 0), ("kill", 0, 0.05), ("postgres", 0, 0.15), ("kill", 0, 0.25),
    ];

    /// <summary>The sandbox's faults and a short reconciliation cycle (Tidegate:Payments:*), stated in the report.</summary>
    public static Dictionary<string, string> ServerSettings() => new()
    {
        ["Tidegate__Payments__Sandbox__CreateErrorRate"] = "0.2",
        ["Tidegate__Payments__Sandbox__RetrieveErrorRate"] = "0.2",
        ["Tidegate__Payments__Sandbox__RefundErrorRate"] = "0.2",
        ["Tidegate__Payments__Sandbox__WebhookDuplicates"] = "1",
        ["Tidegate__Payments__Sandbox__WebhookDelayMs"] = "2000",
        ["Tidegate__Payments__Sandbox__WebhookLossRate"] = "0.2",
        ["Tidegate__Payments__Sandbox__WebhookOutOfOrder"] = "true",
        ["Tidegate__Payments__Reconcile__IntervalSeconds"] = "2",
        ["Tidegate__Payments__Reconcile__PendingAfterSeconds"] = "10",
        ["Tidegate__Payments__Reconcile__RecheckSeconds"] = "5",
        ["Tidegate__Payments__Reconcile__RefundRetrySeconds"] = "5",
    };

    public static ChaosOptions Parse(Func<string, string?> option) => new(
        int.TryParse(option("--visitors"), out var n) ? n : null,
        option("--pg-restart") ?? DefaultPgRestart,
        int.TryParse(option("--settle-seconds"), out var s) ? s : 90);
}
