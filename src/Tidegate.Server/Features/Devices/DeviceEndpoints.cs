using System.Security.Claims;
using Tidegate.Server.Infrastructure;
using Tidegate.Server.Infrastructure.Auth;

namespace Tidegate.Server.Features.Devices;

/// <summary>Registered gate and shop devices: the registry (admin, operator) and a device's own identity (gate role).</summary>
public static class DeviceEndpoints
{
    /// <summary>A device's own view of itself; deviceId null for a signed gate token that is not a registered device.</summary>
    public sealed record DeviceView(string? DeviceId, string Name, string? Lane, string Kind);

    public static IServiceCollection AddDevices(this IServiceCollection services) => services
        .AddSettings<DeviceOptions>(DeviceOptions.Section)
        .AddSingleton<DeviceRegistry>()
        .AddSingleton<IDeviceTokens>(sp => sp.GetRequiredService<DeviceRegistry>())
        .AddHostedService<DeviceWatcher>()
        .AddSingleton<RegisterDevice>()
        .AddSingleton<RevokeDevice>();

    public static IEndpointRouteBuilder MapDevices(this IEndpointRouteBuilder app)
    {
        var registry = app.MapGroup("/api/v1/admin/gate-devices").RequireAuthorization(Policies.Operator);
        registry.MapPost("", RegisterDevice.Handle).WithBody<RegisterDevice.Request>().WithName("RegisterDevice");
        registry.MapGet("", ListDevices.Handle).WithName("ListDevices");
        registry.MapDelete("/{deviceId}", RevokeDevice.Handle).WithName("RevokeDevice");
        // The gate page asks, once paired, which device it is (its lane becomes the gate id of its scans).
        app.MapGet("/api/v1/gate/device", (ClaimsPrincipal user, DeviceRegistry devices) =>
            TypedResults.Ok(user.FindFirstValue(IDeviceTokens.DeviceIdClaim) is { } id && devices.Describe(id) is { } device
                ? new DeviceView(device.DeviceId, device.Name, device.Lane, device.Kind)
                : new DeviceView(null, user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "", null, "gate")))
            .WithName("GetGateDevice").RequireAuthorization(Policies.Gate);
        return app;
    }
}
