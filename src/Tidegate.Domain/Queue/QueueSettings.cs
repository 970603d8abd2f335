namespace Tidegate.Domain.Queue;

/// <summary>
/// How the waiting room behaves: which minutes around a date's 00:00 opening it guards by itself,
/// how fast it admits, how long an admission lasts and how many unused admissions may be out at once.
/// </summary>
public sealed record QueueSettings
{
    public bool AutoGuard { get; init; } = true;
    public int GuardBeforeMinutes { get; init; } = 15;
    public int GuardAfterMinutes { get; init; } = 30;
    public double AdmissionsPerSecond { get; init; } = 500;
    public int AdmissionSeconds { get; init; } = 300;
    /// <summary>Admitted but not yet used nor expired: at most this many, so admission follows what the booking path commits.</summary>
    public int MaxOutstanding { get; init; } = 3000;
    /// <summary>
    /// Admissions older than this no longer count as outstanding even if unused (a visitor refused
    /// as sold out, or gone), so the bound slows admission down but can never stall it.
    /// </summary>
    public int OutstandingWindowSeconds { get; init; } = 20;
}
