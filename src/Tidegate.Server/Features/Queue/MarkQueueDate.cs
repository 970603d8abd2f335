using System.Security.Claims;
using Tidegate.Domain.Common;
using Tidegate.Server.Features.Audit;
using Tidegate.Server.Infrastructure;

namespace Tidegate.Server.Features.Queue;

/// <summary>
/// PUT /api/v1/admin/queue/{date} {"guarded": true}: an operator puts a date behind the waiting room
/// (or takes it out), written to the audit log with the mark. The calendar console uses it too.
/// </summary>
public sealed class MarkQueueDate(QueueStore store, QueueState state, AuditLog audit)
{
    public sealed record Request(bool? Guarded);

    public static async Task<IResult> Handle(string date, Body<Request> request, ClaimsPrincipal user, MarkQueueDate useCase, CancellationToken ct)
    {
        if (JoinQueue.ParseDate(date) is not { } day) return Problems.Invalid("date", "The date must be a calendar date as yyyy-MM-dd.");
        var body = await request.ReadAsync(); // after the date: its 400 comes first
        if (!body.IsOk) return Problems.From(body.Error);
        if (body.Value.Guarded is not { } guarded) return Problems.Invalid("guarded", "'guarded' must be true or false.");
        await useCase.ExecuteAsync(day, guarded, user, ct);
        return TypedResults.Ok(new { date, guarded });
    }

    public async Task ExecuteAsync(DateOnly date, bool guarded, ClaimsPrincipal user, CancellationToken ct)
    {
        await store.MarkAsync(date, guarded, (connection, tx) =>
            audit.AppendAsync(connection, tx, AuditEvent.By(user, guarded ? "queue.guarded" : "queue.unguarded", IsoDate.Text(date))), ct);
        state.SetMarked(date, guarded); // other instances see it at their next refresh (a fraction of a second)
    }
}
