using Tidegate.Server.Infrastructure;
using Tidegate.Server.Infrastructure.Auth;

namespace Tidegate.Server.Features.BoxOffice;

public static class BoxOfficeEndpoints
{
    public static IServiceCollection AddBoxOffice(this IServiceCollection services) => services.AddSingleton<SellWalkIn>();

    /// <summary>Box office staff use operator tokens (admins may too); there is no separate box-office role.</summary>
    public static IEndpointRouteBuilder MapBoxOffice(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/box-office/bookings", SellWalkIn.Handle).WithBody<SellWalkIn.Request>().WithName("SellWalkIn")
            .RequireAuthorization(p => p.RequireRole(Roles.Operator, Roles.Admin));
        return app;
    }
}
