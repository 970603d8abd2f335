using Tidegate.Server.Infrastructure;

namespace Tidegate.Server.Features.Booking;

public static class BookingEndpoints
{
    public static IServiceCollection AddBooking(this IServiceCollection services) => services
        .AddSettings<BookingOptions>(BookingOptions.Section)
        .AddSettings<HoldOptions>(HoldOptions.Section)
        .AddSingleton(sp => sp.GetRequiredService<Data.Db>().Gate)
        .AddSingleton<HoldStore>()
        .AddSingleton<CreateBooking>()
        .AddSingleton<BookingAccess>()
        .AddHostedService<HoldSweeper>();

    public static IEndpointRouteBuilder MapBooking(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/bookings");
        group.MapPost("", CreateBooking.Handle).WithName("CreateBooking").RequireRateLimiting(RateLimits.Bookings);
        group.MapGet("/{bookingId}", GetBooking.Handle).WithName("GetBooking");
        if (app.ServiceProvider.GetRequiredService<DevToolsOptions>().DevTools)
        {
            app.MapGet("/api/v1/dev/hold-writer", (HoldStore holds) => TypedResults.Ok(holds.Stats));
            app.MapGet("/api/v1/dev/write-lane", (Data.Db db) => TypedResults.Ok(db.Lane.Stats));
        }
        return app;
    }
}
