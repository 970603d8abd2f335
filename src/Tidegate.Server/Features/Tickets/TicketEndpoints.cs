using Tidegate.Domain.Tickets;
using Tidegate.Server.Features.Booking;
using Tidegate.Server.Features.Tickets.Mail;
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
        .AddSingleton<QueueTicketEmail>()
        .AddSingleton<IConfirmationStep>(sp => sp.GetRequiredService<QueueTicketEmail>())
        .AddSingleton<IMoveStep>(sp => sp.GetRequiredService<QueueTicketEmail>())
        .AddSingleton<IBookingTicket, TicketViews>()
        .AddSingleton(sp => MailSenders.Create(sp.GetRequiredService<MailOptions>(), DataDirectory(sp)))
        .AddHostedService<TicketMailer>();

    public static IEndpointRouteBuilder MapTickets(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/bookings/{bookingId}/ticket.png", GetTicketImage.Png).WithName("GetTicketPng");
        app.MapGet("/api/v1/bookings/{bookingId}/ticket.svg", GetTicketImage.Svg).WithName("GetTicketSvg");
        app.MapGet("/api/v1/tickets/keys", (TicketKeys keys) => TypedResults.Ok(new { keys = PublicKeys.Of(keys) }))
            .WithName("GetTicketKeys");
        return app;
    }

    private static string DataDirectory(IServiceProvider sp) =>
        Path.GetFullPath(sp.GetRequiredService<IConfiguration>()["Tidegate:DataDirectory"] ?? "data");
}
