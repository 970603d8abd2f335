using System.Data.Common;
using System.Security.Claims;
using Dapper;
using Tidegate.Domain.Audit;
using Tidegate.Server.Data;

namespace Tidegate.Server.Features.Audit;

/// <summary>What happened, by whom: never personal data in <see cref="Target"/> or <see cref="Detail"/> (ids, dates, numbers).</summary>
public sealed record AuditEvent(string Actor, string Role, string Action, string Target, string Detail = "")
{
    /// <summary>The event done by the signed-in caller (the token's subject and role).</summary>
    public static AuditEvent By(ClaimsPrincipal user, string action, string target, string detail = "") => new(
        user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "unknown", user.FindFirstValue(ClaimTypes.Role) ?? "unknown", action, target, detail);
}

/// <summary>
/// Appends to the audit log inside the caller's write transaction, so an action and its entry
/// commit or roll back together. The head is read under the chain's lock (see <see cref="AuditSql"/>),
/// so entries form one chain with no fork and no gap in seq.
/// </summary>
public sealed class AuditLog(Db db, TimeProvider clock)
{
    public async Task AppendAsync(DbConnection connection, DbTransaction tx, AuditEvent e)
    {
        if (db.Engine == DbEngine.Postgres)
            await connection.ExecuteAsync(AuditSql.PostgresChainLock, new { Id = AuditSql.ChainLockId }, tx);
        var head = await connection.QuerySingleOrDefaultAsync<(long Seq, string Hash)?>(AuditSql.Head, transaction: tx);
        // Stored to the millisecond, so hash what is stored.
        var at = DateTimeOffset.FromUnixTimeMilliseconds(clock.GetUtcNow().ToUnixTimeMilliseconds());
        var entry = new AuditEntry((head?.Seq ?? 0) + 1, at, e.Actor, e.Role, e.Action, e.Target, e.Detail);
        var linked = AuditChain.Link(head?.Hash ?? AuditChain.Genesis, entry);
        await connection.ExecuteAsync(AuditSql.Insert, new
        {
            entry.Seq, entry.At, entry.Actor, entry.Role, entry.Action, entry.Target, entry.Detail, linked.PrevHash, linked.Hash,
        }, tx);
    }

    /// <summary>Appends alone (a view of personal data, which writes nothing else), through the write lane.</summary>
    public Task AppendAsync(AuditEvent e, CancellationToken ct = default) =>
        db.WriteAsync((connection, tx) => AppendAsync(connection, tx, e), ct);
}
