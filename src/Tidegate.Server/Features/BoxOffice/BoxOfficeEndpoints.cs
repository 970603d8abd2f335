using Tidegate.Server.Infrastructure;
using Tidegate.Server.Infrastructure.Auth;

namespace Tidegate.Server.Features.BoxOffice;

public static class BoxOfficeEndpoints
{
    public static IServiceCollection AddBoxOffice(this IServiceCollection services) => services.AddSingleton<SellWalkIn>().AddSingleton<BoxOfficeDay>();

    /// <summary>Box office staff use operator tokens (admins may too); there is no separate box-office role.</summary>
    public static IEndpointRouteBuilder MapBoxOffice(this IEndpointRouteBuilder app)
    {
        var boxOffice = app.MapGroup("/api/v1/box-office").RequireAuthorization(Policies.Operator);
        boxOffice.MapPost("/bookings", SellWalkIn.Handle).WithBody<SellWalkIn.Request>().WithName("SellWalkIn");
        return app;
    }
}
