using Dapper;
using Tidegate.Server.Data.Migrations;

namespace Tidegate.Server.Data;

/// <summary>
/// Applies pending migrations, each in its own transaction. Safe when several instances start at
/// once: PostgreSQL serialises them with an advisory lock, SQLite with its write lock.
/// </summary>
public sealed class Migrator(Db db, TimeProvider clock, ILogger<Migrator> logger)
{
    private const long AdvisoryLockId = 0x7469646567617465; // "tidegate"

    public async Task MigrateAsync(CancellationToken ct = default)
    {
        var dialect = SqlDialect.Of(db.Engine);
        await using var connection = await db.OpenAsync(ct);
        if (dialect.AdvisoryLock is { } lockSql) await connection.ExecuteAsync(lockSql, new { id = AdvisoryLockId });
        try
        {
            await connection.ExecuteAsync(
                "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)");
            foreach (var migration in MigrationList.All)
            {
                await using var write = await db.BeginWriteAsync(ct);
                var tx = write.Transaction;
                var applied = await write.Connection.ExecuteScalarAsync<long>(
                    "SELECT COUNT(*) FROM schema_migrations WHERE version = @Version", migration, tx);
                if (applied > 0) { await tx.RollbackAsync(ct); continue; }
                await write.Connection.ExecuteAsync(migration.For(db.Engine), transaction: tx);
                await write.Connection.ExecuteAsync(
                    "INSERT INTO schema_migrations (version, name, applied_at) VALUES (@Version, @Name, @At)",
                    new { migration.Version, migration.Name, At = clock.GetUtcNow() }, tx);
                await tx.CommitAsync(ct);
                logger.LogInformation("Applied migration {Version} {Name}", migration.Version, migration.Name);
            }
        }
        finally
        {
            if (dialect.AdvisoryUnlock is { } unlockSql) await connection.ExecuteAsync(unlockSql, new { id = AdvisoryLockId });
        }
    }

    public async Task<bool> IsCurrentAsync(CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        var version = await connection.ExecuteScalarAsync<long?>("SELECT MAX(version) FROM schema_migrations");
        return version == MigrationList.Latest;
    }
}
