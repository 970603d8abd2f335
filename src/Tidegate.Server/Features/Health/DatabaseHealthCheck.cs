using Microsoft.Extensions.Diagnostics.HealthChecks;
using Tidegate.Server.Data;

namespace Tidegate.Server.Features.Health;

/// <summary>Ready once the database answers and carries the latest migration.</summary>
public sealed class DatabaseHealthCheck(Migrator migrator) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        try
        {
            return await migrator.IsCurrentAsync(ct)
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy("schema not migrated");
        }
        catch (Exception e)
        {
            return HealthCheckResult.Unhealthy("database unreachable", e);
        }
    }
}
