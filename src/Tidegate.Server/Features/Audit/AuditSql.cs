namespace Tidegate.Server.Features.Audit;

/// <summary>The audit log's SQL. Inserts only: there is no UPDATE or DELETE of audit_log anywhere.</summary>
internal static class AuditSql
{
    /// <summary>
    /// PostgreSQL: appends are serialised by a transaction-scoped advisory lock, so two transactions
    /// never read the same head and fork the chain (the primary key on seq would refuse the second
    /// anyway). SQLite needs none: a write transaction already holds the database's one write lock.
    /// </summary>
    public const string PostgresChainLock = "SELECT pg_advisory_xact_lock(@Id)";

    public const long ChainLockId = 0x7469646561756469; // "tideaudi"

    public const string Head = "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1";

    public const string Insert = """
        INSERT INTO audit_log (seq, at, actor, role, action, target, detail, prev_hash, hash)
        VALUES (@Seq, @At, @Actor, @Role, @Action, @Target, @Detail, @PrevHash, @Hash)
        """;

    public const string Chain = "SELECT seq, at, actor, role, action, target, detail, prev_hash, hash FROM audit_log ORDER BY seq";

    /// <summary>The newest entries first, filtered by whichever of from, to, actor, action and before (a seq) were given.</summary>
    public static string Find(bool from, bool to, bool actor, bool action, bool before = false)
    {
        var where = new List<string>();
        if (from) where.Add("at >= @From");
        if (to) where.Add("at < @To");
        if (actor) where.Add("actor = @Actor");
        if (action) where.Add("action = @Action");
        if (before) where.Add("seq < @Before");
        return "SELECT seq, at, actor, role, action, target, detail FROM audit_log" +
            (where.Count > 0 ? " WHERE " + string.Join(" AND ", where) : "") + " ORDER BY seq DESC LIMIT @Limit";
    }

    public const string Actors = "SELECT DISTINCT actor FROM audit_log ORDER BY actor";
    public const string Actions = "SELECT DISTINCT action FROM audit_log ORDER BY action";
}
