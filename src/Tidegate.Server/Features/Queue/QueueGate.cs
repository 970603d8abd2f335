using Tidegate.Domain.Common;
using Tidegate.Domain.Queue;

namespace Tidegate.Server.Features.Queue;

/// <summary>
/// The booking path's check, from memory: is the date guarded now, and if so does the request
/// carry a genuine, unexpired admission for this date (X-Admission-Token)? Spending it happens in
/// the hold's transaction (queue_admissions), so it admits one booking only.
/// </summary>
public sealed class QueueGate(QueueState state, QueueTickets tickets, QueueSettings settings)
{
    public const string Header = "X-Admission-Token";

    public bool IsGuarded(DateOnly date, DateTimeOffset opensAt, DateTimeOffset now) =>
        QueueRules.IsGuarded(opensAt, now, settings, state.IsMarked(date));

    public Result<QueueAdmission?> Check(HttpRequest http, DateOnly date, DateTimeOffset opensAt, DateTimeOffset now) =>
        Check(http.Headers[Header].ToString(), date, opensAt, now);

    public Result<QueueAdmission?> Check(string? token, DateOnly date, DateTimeOffset opensAt, DateTimeOffset now)
    {
        if (!IsGuarded(date, opensAt, now)) return (QueueAdmission?)null;
        var claims = tickets.ReadAdmission(token ?? "");
        if (QueueRules.CheckAdmission(claims, date, now) is { } refusal) return refusal;
        return new QueueAdmission(claims!.EntryId, claims.Position);
    }
}
