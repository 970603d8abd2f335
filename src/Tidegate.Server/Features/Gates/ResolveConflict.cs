using System.Security.Claims;
using Dapper;
using Tidegate.Domain.Common;
using Tidegate.Server.Data;
using Tidegate.Server.Features.Audit;
using Tidegate.Server.Infrastructure;

namespace Tidegate.Server.Features.Gates;

/// <summary>
/// POST /api/v1/gate/conflicts/{conflictId}/resolution {action: "admit" | "ignore", note} (operators,
/// admins) → 200: an operator decides what an offline lane's conflicting admission was (let in after
/// all, e.g. a child who went back out; or ignored as a mistake), with a note. Once only; the
/// resolution and its audit entry commit together. Counts of persons inside are not changed: the
/// lane's entry already counted what it let in.
/// </summary>
public sealed class ResolveConflict(Db db, AuditLog audit, TimeProvider clock)
{
    public const int MaxNote = 500;
    public static readonly IReadOnlySet<string> Actions = new HashSet<string> { "admit", "ignore" };

    public sealed record Request(string? Action, string? Note);

    public static async Task<IResult> Handle(string conflictId, Body<Request> body, ClaimsPrincipal user, ResolveConflict useCase, CancellationToken ct)
    {
        var request = body.Value;
        if (request.Action is null || !Actions.Contains(request.Action)) return Problems.Invalid("action", "'action' must be \"admit\" or \"ignore\".");
        if (request.Note is { Length: > MaxNote }) return Problems.Invalid("note", $"'note' must be at most {MaxNote} characters.");
        var result = await useCase.ExecuteAsync(conflictId, request.Action, request.Note?.Trim() ?? "", user, ct);
        return result.IsOk ? TypedResults.Ok(new { conflictId, resolution = request.Action }) : Problems.From(result.Error);
    }

    public async Task<Result<bool>> ExecuteAsync(string conflictId, string action, string note, ClaimsPrincipal user, CancellationToken ct)
    {
        await using var write = await db.BeginWriteAsync(ct);
        var (connection, tx) = write;
        var changed = await connection.ExecuteAsync("""
            UPDATE gate_conflicts SET resolution = @Action, resolution_note = @Note, resolved_by = @By, resolved_at = @Now
            WHERE id = @Id AND resolution IS NULL
            """, new { Id = conflictId, Action = action, Note = note, By = user.FindFirstValue(ClaimTypes.NameIdentifier), Now = clock.GetUtcNow() }, tx);
        if (changed == 0)
        {
            var exists = await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM gate_conflicts WHERE id = @Id", new { Id = conflictId }, tx) > 0;
            return exists
                ? new Error(ErrorCodes.AlreadyResolved, "This conflict was already resolved.")
                : new Error(ErrorCodes.NotFound, "No such gate conflict.");
        }
        // The note may name people; the audit entry keeps only the decision.
        await audit.AppendAsync(connection, tx, AuditEvent.By(user, "gate_conflict." + action, conflictId));
        await write.CommitAsync(ct);
        return true;
    }
}
