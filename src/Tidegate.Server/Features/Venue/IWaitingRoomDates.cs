using System.Security.Claims;

namespace Tidegate.Server.Features.Venue;

/// <summary>
/// Which dates the waiting room guards, for the calendar console: Queue owns that state and
/// implements this port (Queue uses Venue, so Venue cannot call Queue).
/// </summary>
public interface IWaitingRoomDates
{
    /// <summary>How <paramref name="date"/>, whose bookings open at <paramref name="opensAt"/>, is guarded.</summary>
    WaitingRoomGuard GuardOf(DateOnly date, DateTimeOffset opensAt);

    /// <summary>An operator puts the date behind the waiting room, or takes it out (audited).</summary>
    Task MarkAsync(DateOnly date, bool guarded, ClaimsPrincipal user, CancellationToken ct);
}

/// <param name="Marked">An operator put the date behind the waiting room: guarded until taken out.</param>
/// <param name="AutoFrom">Start of the automatic guard around the booking window's opening (null: automatic guard off).</param>
/// <param name="AutoUntil">Its end.</param>
public sealed record WaitingRoomGuard(bool Marked, DateTimeOffset? AutoFrom, DateTimeOffset? AutoUntil)
{
    public bool IsGuardedAt(DateTimeOffset now) => Marked || (now >= AutoFrom && now < AutoUntil);
}
