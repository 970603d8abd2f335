using System.Data.Common;
using Dapper;
using Tidegate.Domain.Common;
using Tidegate.Server.Data;
using Tidegate.Server.Features.Audit;

namespace Tidegate.Server.Features.Staff;

/// <summary>
/// The one way an admin changes an existing account (role, disabled, second factor, lockout): one
/// transaction that takes the change lock, reads the account, applies the change, writes its audit
/// entries and, where the person's rights shrink, ends their open sessions. Answers the account as
/// it now is, <c>404</c> for an unknown id, or the change's refusal (nothing written).
/// </summary>
public sealed class StaffChanges(Db db, AuditLog audit, StaffSessions sessions, ListStaff list)
{
    /// <summary>What a change did: its audit entries, and whether the person's sessions end.</summary>
    internal sealed record Outcome(IReadOnlyList<AuditEvent> Events, bool EndSessions);

    internal delegate Task<Result<Outcome>> Change(DbConnection connection, DbTransaction tx, StaffRow account);

    internal async Task<Result<ListStaff.StaffView>> ApplyAsync(string staffId, Change change, CancellationToken ct)
    {
        var done = await db.WriteAsync<Result<List<string>>>(async (connection, tx) =>
        {
            if (db.Engine == DbEngine.Postgres)
                await connection.ExecuteAsync(StaffSql.PostgresChangeLock, new { Id = StaffSql.ChangeLockId }, tx);
            var account = await connection.QuerySingleOrDefaultAsync<StaffRow>(StaffSql.ById, new { Id = staffId }, tx);
            if (account is null) return NotFound();
            var outcome = await change(connection, tx, account);
            if (!outcome.IsOk) throw new UndoWrite<Result<List<string>>>(outcome.Error);
            foreach (var e in outcome.Value.Events) await audit.AppendAsync(connection, tx, e);
            return outcome.Value.EndSessions ? await sessions.EndAllAsync(connection, tx, staffId) : [];
        }, ct);
        if (!done.IsOk) return done.Error;
        sessions.Forget(done.Value);
        return await list.FindAsync(staffId, ct) is { } view ? view : NotFound();
    }

    internal static Error NotFound() => new(ErrorCodes.NotFound, "No staff account has this id.");
}
