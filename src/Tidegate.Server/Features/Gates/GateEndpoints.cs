using Microsoft.Extensions.Options;
using Tidegate.Server.Infrastructure;
using Tidegate.Server.Infrastructure.Auth;

namespace Tidegate.Server.Features.Gates;

public static class GateEndpoints
{
    public static IServiceCollection AddGates(this IServiceCollection services) => services
        .AddSettings<GateOptions>(GateOptions.Section)
        .AddSingleton(sp => GateSettings.From(sp.GetRequiredService<GateOptions>(), sp.GetRequiredService<IConfiguration>()))
        // The entry window alone, for Tickets (pages, emails) without a reference to Gates.
        .AddSingleton(sp => sp.GetRequiredService<GateSettings>().Window)
        .AddSingleton<RedeemScan>()
        .AddSingleton<AdmitByBookingNumber>()
        .AddSingleton<ResolveConflict>()
        .AddSingleton(sp => new ScanStore(sp.GetRequiredService<Data.Db>(),
            sp.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions,
            sp.GetRequiredService<GateOptions>()))
        .AddSingleton<Booking.IBookingScans, BookingScans>();

    public static IEndpointRouteBuilder MapGates(this IEndpointRouteBuilder app)
    {
        var gate = app.MapGroup("/api/v1/gate").RequireAuthorization(Policies.Gate);
        gate.MapPost("/scans", RedeemScan.Handle).WithBody<ScanRequest>().WithName("RedeemScan");
        gate.MapPost("/manual-scans", AdmitByBookingNumber.Handle).WithBody<AdmitByBookingNumber.Request>().WithName("AdmitByBookingNumber");
        gate.MapPost("/exits", RecordExit.Handle).WithBody<ExitRequest>().WithName("RecordExit");
        gate.MapGet("/offline-bundle", GetOfflineBundle.Handle).WithName("GetOfflineBundle");
        // Under the gate's path but for the people who resolve conflicts, not for devices.
        var conflicts = app.MapGroup("/api/v1/gate/conflicts").RequireAuthorization(Policies.Operator);
        conflicts.MapGet("", GetConflicts.Handle).WithName("GetGateConflicts");
        conflicts.MapPost("/{conflictId}/resolution", ResolveConflict.Handle).WithBody<ResolveConflict.Request>().WithName("ResolveGateConflict");
        app.MapGet("/api/v1/congestion", GetCongestion.Handle).WithName("GetCongestion");
        if (app.ServiceProvider.GetRequiredService<DevToolsOptions>().DevTools)
            app.MapGet("/api/v1/dev/scan-writer", (ScanStore scans) => TypedResults.Ok(scans.Stats));
        GatePage.Map(app);
        return app;
    }
}
