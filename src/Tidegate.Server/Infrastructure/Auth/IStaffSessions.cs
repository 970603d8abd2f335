namespace Tidegate.Server.Infrastructure.Auth;

/// <summary>
/// Whether a staff session is still open (not ended, not expired). Staff tokens and the console
/// cookie carry a session id; both are refused once it is closed, on every instance. Implemented
/// by Features/Staff, which owns the sessions table.
/// </summary>
public interface IStaffSessions
{
    ValueTask<bool> IsOpenAsync(string sessionId, CancellationToken ct);
}
