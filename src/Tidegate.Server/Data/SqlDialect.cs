namespace Tidegate.Server.Data;

/// <summary>
/// The few statements whose SQL differs by engine, side by side; every other query is portable
/// (ON CONFLICT, RETURNING, conditional UPDATE …). Migrations keep their per-engine DDL in
/// <see cref="Migration"/>. SqlDialectTests runs each statement here on both engines.
/// </summary>
public sealed record SqlDialect(DbEngine Engine, string EngineVersion, string? AdvisoryLock, string? AdvisoryUnlock, string? WalCheckpoint)
{
    public static readonly SqlDialect Sqlite = new(DbEngine.Sqlite,
        EngineVersion: "SELECT sqlite_version()",
        // One file, one writer at a time: what must not run twice at once (migrations) runs in a write transaction.
        AdvisoryLock: null,
        AdvisoryUnlock: null,
        WalCheckpoint: "PRAGMA wal_checkpoint(PASSIVE);");

    public static readonly SqlDialect Postgres = new(DbEngine.Postgres,
        EngineVersion: "SHOW server_version",
        // Session-level: held by the connection until unlocked or closed; parameter @id (bigint).
        AdvisoryLock: "SELECT pg_advisory_lock(@id)",
        AdvisoryUnlock: "SELECT pg_advisory_unlock(@id)",
        WalCheckpoint: null); // the server checkpoints by itself

    public static SqlDialect Of(DbEngine engine) => engine == DbEngine.Postgres ? Postgres : Sqlite;
}
