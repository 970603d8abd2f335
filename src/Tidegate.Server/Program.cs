using Tidegate.Server.Data;
using Tidegate.Server.Features.Audit;
using Tidegate.Server.Features.Booking;
using Tidegate.Server.Features.BoxOffice;
using Tidegate.Server.Features.Dev;
using Tidegate.Server.Features.Devices;
using Tidegate.Server.Features.Gates;
using Tidegate.Server.Features.Health;
using Tidegate.Server.Features.Payments;
using Tidegate.Server.Features.Site;
using Tidegate.Server.Features.Staff;
using Tidegate.Server.Features.Tickets;
using Tidegate.Server.Features.Queue;
using Tidegate.Server.Features.Venue;
using Tidegate.Server.Infrastructure;
using Tidegate.Server.Infrastructure.Telemetry;
using Tidegate.Server.Infrastructure.Network;

var builder = WebApplication.CreateBuilder(ServerFiles.Options(args)).UseOwnStaticFiles();
if (ProductionGuard.Refuses(builder) || DataFolder.Unwritable(builder)) return;
builder.AddTidegateCore();
builder.Services
    .AddOpenApi()
    .AddTidegateHealth()
    .AddAudit()
    .AddVenue()
    .AddBooking()
    .AddSite(builder.Configuration)
    .AddTickets()
    .AddGates()
    .AddDevices()
    .AddBoxOffice()
    .AddPayments(builder.Configuration)
    .AddQueue(builder.Configuration)
    .AddStaff()
    .AddTidegateRateLimits(builder.Configuration)
    .AddTidegateNetwork(builder.Configuration);

var app = builder.Build();
if (Settings.Refuse(app)) return;

// "migrate": apply the schema and stop, for deployments that migrate before rolling out.
if (args.Contains("migrate"))
{
    await app.Services.GetRequiredService<Migrator>().MigrateAsync();
    return;
}
// "staff create --email … --role admin": the first admin of a new installation, then stop.
if (StaffCommand.Is(args))
{
    await app.Services.GetRequiredService<Migrator>().MigrateAsync();
    Environment.ExitCode = await StaffCommand.RunAsync(args, app.Services);
    return;
}
// "audit verify": walk the audit log's hash chain; exit 0 when intact, 1 naming the first bad seq.
if (args is ["audit", "verify", ..])
{
    Environment.ExitCode = await VerifyAuditChain.RunAsync(app.Services);
    return;
}
if (app.Services.GetRequiredService<DatabaseOptions>().MigrateOnStart)
    await app.Services.GetRequiredService<Migrator>().MigrateAsync();
await app.Services.GetRequiredService<DemoVenue>().SeedIfEmptyAsync();
if (app.Environment.IsDevelopment() && app.Services.GetRequiredService<DevToolsOptions>().DevTools)
    await app.Services.GetRequiredService<DemoStaff>().SeedAsync();

app.UseTidegateNetwork();
app.UseExceptionHandler();
app.UseStatusPages();
app.UseMiddleware<SecurityHeaders>();
app.UseMiddleware<ServerLoad>();
app.UseMiddleware<RequestLogging>();
app.UseSite();
app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimiter();

app.MapOpenApi();
app.MapTidegateMetrics();
app.MapTidegateHealth();
app.MapAudit();
app.MapVenue();
app.MapBooking();
app.MapSite();
app.MapTickets();
app.MapGates();
app.MapDevices();
app.MapBoxOffice();
app.MapPayments();
app.MapQueue();
app.MapStaff();
if (app.Services.GetRequiredService<DevToolsOptions>().DevTools) app.MapDevTools();

app.Run();

/// <summary>Entry point; public so the HTTP tests can host it.</summary>
public partial class Program;
