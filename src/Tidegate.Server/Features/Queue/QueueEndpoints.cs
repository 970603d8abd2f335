using Tidegate.Domain.Queue;
using Tidegate.Server.Infrastructure;
using Tidegate.Server.Infrastructure.Auth;

namespace Tidegate.Server.Features.Queue;

public static class QueueEndpoints
{
    public static IServiceCollection AddQueue(this IServiceCollection services, IConfiguration config) => services
        .AddSingleton(config.GetSection("Tidegate:Queue").Get<QueueSettings>() ?? new QueueSettings())
        .AddSettings<QueueOptions>(QueueOptions.Section)
        .AddSingleton<QueueTickets>()
        .AddSingleton<QueueState>()
        .AddSingleton<QueueStore>()
        .AddSingleton<QueueGate>()
        .AddSingleton<Venue.IWaitingRoom, WaitingRoom>()
        .AddSingleton<JoinQueue>()
        .AddSingleton<GetQueueStatus>()
        .AddSingleton<MarkQueueDate>()
        .AddSingleton<Venue.IWaitingRoomDates, WaitingRoomDates>()
        .AddSingleton<QueueWorker>()
        .AddHostedService(sp => sp.GetRequiredService<QueueWorker>());

    public static IEndpointRouteBuilder MapQueue(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/queue/{date}").RequireRateLimiting(RateLimits.Polls);
        group.MapPost("", JoinQueue.Handle).WithName("JoinQueue");
        group.MapGet("/status", GetQueueStatus.Handle).WithName("GetQueueStatus");
        var admin = app.MapGroup("/api/v1/admin/queue").RequireAuthorization(Policies.Operator);
        admin.MapPut("/{date}", MarkQueueDate.Handle).WithName("MarkQueueDate");
        return app;
    }
}
