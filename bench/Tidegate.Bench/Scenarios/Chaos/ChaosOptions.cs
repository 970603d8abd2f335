namespace Tidegate.Bench.Scenarios.Chaos;

/// <summary>
/// bench chaos [--visitors N] [--pg-restart "COMMAND"] [--settle-seconds S]: the rush's size (10,000;
/// 2,000 with --quick), the shell command that restarts PostgreSQL (PostgreSQL form only; the default
/// is Debian's, run as root on the bench machine), and how long to wait for reconciliation at the end.
/// </summary>
public sealed record ChaosOptions(int? Visitors, string PgRestart, int SettleSeconds)
{
    public const string DefaultPgRestart = "pg_ctlcluster 15 main restart";

    /// <summary>When each fault fires, in ms after the first arrival (the arrivals span 19 s).</summary>
    public static readonly (double AtMs, string Fault)[] Plan =
    [
        (6_000, "kill"), (15_000, "kill"), (20_000, "postgres"), (26_000, "kill"),
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
