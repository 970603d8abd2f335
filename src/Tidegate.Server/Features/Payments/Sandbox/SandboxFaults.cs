namespace Tidegate.Server.Features.Payments.Sandbox;

/// <summary>
/// The sandbox's switchable misbehaviour (Tidegate:Payments:Sandbox:*), read at start and changeable
/// at run time (tests flip them). Rates are probabilities 0..1.
/// </summary>
public sealed class SandboxFaults
{
    public int LatencyMs { get; set; }
    /// <summary>Create fails after the payment was made: the dangerous case a retry must not double.</summary>
    public double CreateErrorRate { get; set; }
    public double RetrieveErrorRate { get; set; }
    /// <summary>Refund fails after the refund was made.</summary>
    public double RefundErrorRate { get; set; }
    public int WebhookDelayMs { get; set; }
    /// <summary>Extra copies of every webhook (same event id).</summary>
    public int WebhookDuplicates { get; set; }
    public double WebhookLossRate { get; set; }
    /// <summary>Hold back earlier events (created, failed) and deliver them after the final one.</summary>
    public bool WebhookOutOfOrder { get; set; }

    private int _failNext;

    /// <summary>Makes the next <paramref name="calls"/> provider calls fail (create and refund after doing their work).</summary>
    public void FailNext(int calls) => Interlocked.Exchange(ref _failNext, calls);

    /// <summary>Whether this call fails: one of the next N forced failures, or by the configured rate.</summary>
    public bool Fails(double rate)
    {
        int left;
        do
        {
            left = Volatile.Read(ref _failNext);
            if (left <= 0) return Roll(rate);
        }
        while (Interlocked.CompareExchange(ref _failNext, left - 1, left) != left);
        return true;
    }

    public static SandboxFaults From(IConfiguration config)
    {
        var faults = new SandboxFaults();
        config.GetSection("Tidegate:Payments:Sandbox").Bind(faults);
        return faults;
    }

    public static bool Roll(double rate) => rate > 0 && Random.Shared.NextDouble() < rate;
}
