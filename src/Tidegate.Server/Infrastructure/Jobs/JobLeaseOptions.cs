using System.ComponentModel.DataAnnotations;

namespace Tidegate.Server.Infrastructure.Jobs;

/// <summary>
/// Tidegate:Jobs:* — how long a lease lasts and how often its holder renews it. A crashed holder's
/// jobs are taken over within LeaseSeconds + RenewSeconds.
/// </summary>
public sealed class JobLeaseOptions
{
    public const string Section = "Tidegate:Jobs";

    [Range(0.001, double.MaxValue)] public double LeaseSeconds { get; set; } = 15;
    [Range(0.001, double.MaxValue)] public double RenewSeconds { get; set; } = 5;

    public TimeSpan Lease => TimeSpan.FromSeconds(LeaseSeconds);
    public TimeSpan Renew => TimeSpan.FromSeconds(Math.Min(RenewSeconds, LeaseSeconds / 3));
}
