using Tidegate.Server.Infrastructure;

namespace Tidegate.Server.Features.Venue;

public static class VenueEndpoints
{
    public static IServiceCollection AddVenue(this IServiceCollection services) => services
        .AddSettings<AvailabilityOptions>(AvailabilityOptions.Section)
        .AddSettings<SoldOutMemoryOptions>(SoldOutMemoryOptions.Section)
        .AddSettings<VenueWatchOptions>(VenueWatchOptions.Section)
        .AddSingleton<VenueStore>()
        .AddHostedService<VenueRevisionWatcher>()
        .AddSingleton<SlotStore>()
        .AddSingleton<SlotSignals>()
        .AddSingleton<AvailabilityCache>()
        .AddSingleton<DemoVenue>()
        .AddSingleton<Site.Format>();

    public static IEndpointRouteBuilder MapVenue(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/availability", GetAvailability.Handle).WithName("GetAvailability").RequireRateLimiting(RateLimits.Reads);
        return app;
    }
}
