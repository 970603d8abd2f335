using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Tidegate.Server.Data;

/// <summary>
/// Opens connections to the configured engine. SQLite (default) is a file in WAL mode with a busy
/// timeout and durable commits; PostgreSQL is used when Tidegate:Database:Provider is "postgres".
/// </summary>
public sealed class Db : IDisposable
{
    private readonly NpgsqlDataSource? _postgres;
    private readonly string _sqlitePragmas;

    static Db() => Dapper.DefaultTypeMap.MatchNamesWithUnderscores = true;

    public Db(DbEngine engine, string connectionString, string synchronous = "FULL")
    {
        Engine = engine;
        ConnectionString = connectionString;
        _sqlitePragmas = $"PRAGMA busy_timeout = 10000; PRAGMA synchronous = {synchronous}; PRAGMA foreign_keys = ON;";
        Synchronous = engine == DbEngine.Sqlite ? synchronous : "on (synchronous_commit)";
        if (engine == DbEngine.Postgres) _postgres = NpgsqlDataSource.Create(connectionString);
        else PrepareSqliteFile();
    }

    public DbEngine Engine { get; }
    public string ConnectionString { get; }
    /// <summary>The durability setting, stated in benchmark reports.</summary>
    public string Synchronous { get; }

    public async Task<DbConnection> OpenAsync(CancellationToken ct = default)
    {
        if (_postgres is not null) return await _postgres.OpenConnectionAsync(ct);
        var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync(ct);
        await using var pragma = connection.CreateCommand();
        pragma.CommandText = _sqlitePragmas;
        await pragma.ExecuteNonQueryAsync(ct);
        return connection;
    }

    /// <summary>A write transaction: on SQLite it takes the write lock at BEGIN (IMMEDIATE) so it never fails on upgrade.</summary>
    public async Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken ct = default) =>
        connection is SqliteConnection sqlite
            ? sqlite.BeginTransaction(deferred: false)
            : await connection.BeginTransactionAsync(ct);

    public static bool IsUniqueViolation(Exception e) =>
        e is SqliteException { SqliteErrorCode: 19 } || e is PostgresException { SqlState: "23505" };

    /// <summary>A failure the engine asks us to retry (PostgreSQL deadlock or serialization failure).</summary>
    public static bool IsTransient(Exception e) => e is PostgresException { SqlState: "40P01" or "40001" };

    private void PrepareSqliteFile()
    {
        SQLitePCL.Batteries_V2.Init();
        var builder = new SqliteConnectionStringBuilder(ConnectionString);
        var directory = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
        if (directory is not null) Directory.CreateDirectory(directory);
        using var connection = new SqliteConnection(ConnectionString);
        connection.Open();
        using var wal = connection.CreateCommand();
        wal.CommandText = "PRAGMA journal_mode = WAL;";
        wal.ExecuteNonQuery();
    }

    public void Dispose() => _postgres?.Dispose();
}
