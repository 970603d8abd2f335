using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace Tidegate.Server.Features.Health;

public static class HealthEndpoints
{
    public static IServiceCollection AddTidegateHealth(this IServiceCollection services)
    {
        services.AddSingleton<Infrastructure.StorageFull>();
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: ["ready"])
            .AddCheck<StorageHealthCheck>("storage", tags: ["ready"]);
        return services;
    }

    public static IEndpointRouteBuilder MapTidegateHealth(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") });
        return app;
    }
}
