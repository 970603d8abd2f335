using System.ComponentModel.DataAnnotations;

namespace Tidegate.Server.Features.Payments;

/// <summary>Tidegate:Payments:Resilience: timeouts, retries and the circuit breaker around every provider call.</summary>
public sealed class PaymentResilienceOptions
{
    public const string Section = "Tidegate:Payments:Resilience";

    [Range(10, 86_400_000)] public int TotalTimeoutMs { get; set; } = 10_000;
    [Range(10, 86_400_000)] public int AttemptTimeoutMs { get; set; } = 3_000;
    /// <summary>Retries after the first attempt, with the same idempotency key; 0 for none.</summary>
    [Range(0, 100)] public int Retries { get; set; } = 2;
    [Range(0, int.MaxValue)] public int RetryDelayMs { get; set; } = 200;
    [Range(0.01, 1.0)] public double BreakerFailureRatio { get; set; } = 0.5;
    [Range(2, int.MaxValue)] public int BreakerMinimumCalls { get; set; } = 5;
    [Range(1, int.MaxValue)] public int BreakerSamplingSeconds { get; set; } = 30;
    [Range(500, int.MaxValue)] public int BreakMs { get; set; } = 15_000;
}

/// <summary>Tidegate:Payments:Reconcile: when pending payments are asked about, refunds retried, payments given up.</summary>
public sealed class PaymentReconcileOptions
{
    public const string Section = "Tidegate:Payments:Reconcile";

    [Range(0.001, double.MaxValue)] public double IntervalSeconds { get; set; } = 30.0;
    /// <summary>A payment pending this long is asked about.</summary>
    [Range(0, int.MaxValue)] public int PendingAfterSeconds { get; set; } = 180;
    /// <summary>…and asked again no sooner than this after the last time.</summary>
    [Range(0, int.MaxValue)] public int RecheckSeconds { get; set; } = 60;
    [Range(0, int.MaxValue)] public int RefundRetrySeconds { get; set; } = 30;
    /// <summary>A payment still unsettled this long after it was created is abandoned.</summary>
    [Range(0.001, double.MaxValue)] public double AbandonAfterHours { get; set; } = 24.0;
}

/// <summary>Tidegate:Payments:Stripe: the card provider's address and keys, and how old a signed webhook may be.</summary>
public sealed class StripeOptions
{
    public const string Section = "Tidegate:Payments:Stripe";

    public string? BaseUrl { get; set; }
    public string? ApiKey { get; set; }
    public string? WebhookSecret { get; set; }
    [Range(1, int.MaxValue)] public int ToleranceSeconds { get; set; } = 300;
}

/// <summary>Tidegate:Payments:Sandbox:ToleranceSeconds: how old a signed sandbox webhook may be (its faults are <see cref="Sandbox.SandboxFaults"/>).</summary>
public sealed class SandboxOptions
{
    public const string Section = "Tidegate:Payments:Sandbox";

    [Range(1, int.MaxValue)] public int ToleranceSeconds { get; set; } = 300;
}
