using System.Security.Claims;
using Tidegate.Domain.Queue;
using Tidegate.Server.Features.Venue;

namespace Tidegate.Server.Features.Queue;

/// <summary>Venue's view of the waiting room (<see cref="IWaitingRoomDates"/>): this instance's copy of the marks, and the automatic guard's window.</summary>
public sealed class WaitingRoomDates(QueueState state, QueueSettings settings, MarkQueueDate mark) : IWaitingRoomDates
{
    public WaitingRoomGuard GuardOf(DateOnly date, DateTimeOffset opensAt) => settings.AutoGuard
        ? new WaitingRoomGuard(state.IsMarked(date), opensAt.AddMinutes(-settings.GuardBeforeMinutes), opensAt.AddMinutes(settings.GuardAfterMinutes))
        : new WaitingRoomGuard(state.IsMarked(date), null, null);

    public Task MarkAsync(DateOnly date, bool guarded, ClaimsPrincipal user, CancellationToken ct) => mark.ExecuteAsync(date, guarded, user, ct);
}
