using Dapper;

namespace Tidegate.Server.Data;

/// <summary>
/// Logs the database engine's version once at start. SQLite older than 3.51.3 has the WAL-reset
/// corruption bug whose trigger (several writer connections and a checkpointer) is our design: the
/// bundled 3.53 is past it, and a warning says so should another native library ever be loaded.
/// </summary>
public sealed class EngineVersion(Db db, ILogger<EngineVersion> logger) : IHostedService
{
    public static readonly Version SafeSqlite = new(3, 51, 3);

    public static async Task<string> ReadAsync(Db db, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        return await connection.ExecuteScalarAsync<string>(SqlDialect.Of(db.Engine).EngineVersion) ?? "?";
    }

    public async Task StartAsync(CancellationToken ct)
    {
        var version = await ReadAsync(db, ct);
        logger.LogInformation("Database {Engine} {Version}, synchronous {Synchronous}", db.Engine, version, db.Synchronous);
        if (db.Engine == DbEngine.Sqlite && Version.TryParse(version, out var sqlite) && sqlite < SafeSqlite)
            logger.LogWarning("SQLite {Version} is older than {Safe}, which fixed a WAL-reset corruption bug", version, SafeSqlite);
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
