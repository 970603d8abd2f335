using Microsoft.Extensions.Diagnostics.HealthChecks;
using Tidegate.Server.Infrastructure;

namespace Tidegate.Server.Features.Health;

/// <summary>Not ready while the disk is full: after a failed write, ready again once a probe write succeeds.</summary>
public sealed class StorageHealthCheck(StorageFull storage) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default) =>
        await storage.ProbeAsync(ct)
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy($"storage full since {storage.Since:O}");
}
