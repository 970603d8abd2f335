using Tidegate.Server.Infrastructure.Auth;

namespace Tidegate.Server.Features.Audit;

public static class AuditEndpoints
{
    public static IServiceCollection AddAudit(this IServiceCollection services) => services
        .AddSingleton<AuditLog>()
        .AddSingleton<GetAuditLog>()
        .AddSingleton<VerifyAuditChain>();

    public static IEndpointRouteBuilder MapAudit(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/admin/audit", GetAuditLog.Handle).WithName("GetAuditLog")
            .WithSummary("Every admin action and every view of personal data, newest first (admin).")
            .RequireAuthorization(Policies.Admin);
        return app;
    }
}
