using Tidegate.Domain.Tickets;
using Tidegate.Server.Features.Booking;
using Tidegate.Server.Features.Tickets.Mail;
using Tidegate.Server.Infrastructure;
using Tidegate.Server.Infrastructure.Jobs;
using Tidegate.Server.Infrastructure.Mail;

namespace Tidegate.Server.Features.Tickets;

public static class TicketEndpoints
{
    public static IServiceCollection AddTickets(this IServiceCollection services) => services
        .AddSingleton(sp => TicketKeyLoader.Load(sp.GetRequiredService<IConfiguration>(), sp.GetRequiredService<IHostEnvironment>(), DataDirectory(sp),
            sp.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(TicketKeyLoader))))
        .AddSingleton<TicketIssuer>()
        .AddSingleton<TicketEmail>()
        .AddSingleton<TicketMailOutbox>()
        .AddSingleton<MailSignal>()
        .AddSingleton<MailOutboxAge>()
        .AddSettings<VenueContactOptions>(VenueContactOptions.Section)
        .AddSettings<ReminderOptions>(ReminderOptions.Section)
        .AddSettings<FindBookingOptions>(FindBookingOptions.Section)
        .AddSingleton<FindBookingThrottle>()
        .AddSingleton<FindMyBooking>()
        .AddSingleton<QueueTicketEmail>()
        .AddSingleton<ICancellationStep>(sp => sp.GetRequiredService<QueueTicketEmail>())
        .AddSingleton<IConfirmationStep>(sp => sp.GetRequiredService<QueueTicketEmail>())
        .AddSingleton<IMoveStep>(sp => sp.GetRequiredService<QueueTicketEmail>())
        .AddSingleton<IBookingTicket, TicketViews>()
        .AddSingleton(sp => MailSenders.Create(sp.GetRequiredService<MailOptions>(), DataDirectory(sp)))
        .AddHostedService<TicketMailer>()
        .AddSingleton<TicketReminders>()
        .AddHostedService(sp => sp.GetRequiredService<TicketReminders>());

    public static IEndpointRouteBuilder MapTickets(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/bookings/{bookingId}/ticket.png", GetTicketImage.Png).WithName("GetTicketPng");
        app.MapGet("/api/v1/bookings/{bookingId}/ticket.svg", GetTicketImage.Svg).WithName("GetTicketSvg");
        app.MapGet("/api/v1/tickets/keys", (TicketKeys keys) => TypedResults.Ok(new { keys = PublicKeys.Of(keys) }))
            .WithName("GetTicketKeys");
        app.MapGet("/api/v1/bookings/{bookingId}/ticket.ics", GetTicketCalendar.Handle).WithName("GetTicketCalendar");
        app.MapPost("/api/v1/bookings/find", FindMyBooking.Handle).WithBody<FindBookingRequest>().WithName("FindBooking")
            .RequireRateLimiting(RateLimits.Reads);
        if (app.ServiceProvider.GetRequiredService<DevToolsOptions>().DevTools)
            app.MapPost("/api/v1/dev/jobs/reminders", async (TicketReminders reminders, CancellationToken ct) =>
                TypedResults.Ok(new { job = JobNames.Reminders, queued = await reminders.RunAsync(anyHour: true, ct) })).WithName("RunReminders");
        return app;
    }

    private static string DataDirectory(IServiceProvider sp) =>
        Path.GetFullPath(sp.GetRequiredService<IConfiguration>()["Tidegate:DataDirectory"] ?? "data");
}
