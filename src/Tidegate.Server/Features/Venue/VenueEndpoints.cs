using Tidegate.Domain.Venue;
using Tidegate.Server.Features.Audit;
using Tidegate.Server.Infrastructure;
using Tidegate.Server.Infrastructure.Auth;

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
        .AddSingleton<ChangeCalendarDay>()
        .AddSingleton<ChangeCapacity>()
        .AddSingleton<ChangePrices>()
        .AddSingleton<ChangeHoliday>()
        .AddSingleton<CalendarOverview>()
        .AddSingleton<IVenueZone, VenueZone>()
        .AddSingleton<Site.Format>();

    public static IEndpointRouteBuilder MapVenue(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/availability", GetAvailability.Handle).WithName("GetAvailability").RequireRateLimiting(RateLimits.Reads);
        var admin = app.MapGroup("/api/v1/admin").RequireAuthorization(Policies.Operator);
        admin.MapPut("/calendar/{date}", ChangeCalendarDay.Handle).WithName("ChangeCalendarDay")
            .WithSummary("A date's hours or closure; 409 has_bookings when removed slots hold active bookings.");
        admin.MapPut("/capacity", ChangeCapacity.Handle).WithBody<ChangeCapacity.Request>().WithName("ChangeCapacity")
            .WithSummary("The capacity of a slot, or of every slot of a date (start null); 409 capacity_below_sold with sold.");
        admin.MapPut("/prices", ChangePrices.Handle).WithBody<ChangePrices.Request>().WithName("ChangePrices")
            .WithSummary("Ticket prices in yen for weekdays and weekends/holidays; a price left out keeps its amount.");
        admin.MapPut("/holidays/{date}", ChangeHoliday.HandleSet).WithName("SetHoliday")
            .WithSummary("Marks a date as a holiday (priced as a weekend day) with its name.");
        admin.MapDelete("/holidays/{date}", ChangeHoliday.HandleRemove).WithName("RemoveHoliday")
            .WithSummary("Takes a date off the holiday list; 404 not_found when it is not one.");
        return app;
    }
}

/// <summary>The venue's zone for the audit log's dates and times.</summary>
internal sealed class VenueZone(VenueStore venues) : IVenueZone
{
    public async Task<VenueTime> GetAsync(CancellationToken ct) => (await venues.GetAsync(ct)).Time;
}
