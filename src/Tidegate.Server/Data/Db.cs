using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Tidegate.Server.Data;

/// <summary>
/// Opens connections to the configured engine. SQLite (default) is a file in WAL mode with a busy
/// timeout and durable commits; PostgreSQL is used when Tidegate:Database:Provider is "postgres".
/// </summary>
public sealed class Db : IDisposable, IAsyncDisposable
{
    private readonly NpgsqlDataSource? _postgres;
    private readonly string _sqlitePragmas;
    /// <summary>Turns for this process's SQLite writers, so they hand the write lock over instead of sleeping in the busy handler.</summary>
    private readonly WriteGate _gate;

    static Db() => DbMapping.Configure();

    /// <param name="laneBatch">Works per shared write transaction on SQLite (<see cref="WriteLane"/>); 0 gives one transaction each.</param>
    public Db(DbEngine engine, string connectionString, string synchronous = "FULL", int laneBatch = 256, int laneCapacity = 8192)
    {
        Engine = engine;
        ConnectionString = connectionString;
        _sqlitePragmas = $"PRAGMA busy_timeout = 10000; PRAGMA synchronous = {synchronous}; PRAGMA foreign_keys = ON; " +
            $"PRAGMA wal_autocheckpoint = {WalAutoCheckpointPages};";
        Synchronous = engine == DbEngine.Sqlite ? synchronous : "on (synchronous_commit)";
        if (engine == DbEngine.Postgres) _postgres = NpgsqlDataSource.Create(connectionString);
        else PrepareSqliteFile();
        _gate = new WriteGate(engine);
        Lane = new WriteLane(this, laneBatch, laneCapacity);
    }

    /// <summary>Where short write transactions go (see <see cref="WriteLane"/>).</summary>
    public WriteLane Lane { get; }

    /// <summary>Runs <paramref name="work"/> in a write transaction (shared with others on SQLite) and returns its result once committed.</summary>
    public Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken ct = default) => Lane.RunAsync(work, ct);

    public Task WriteAsync(Func<DbConnection, DbTransaction, Task> work, CancellationToken ct = default) => Lane.RunAsync(work, ct);

    /// <summary>WAL pages after which a committing connection checkpoints itself; normally <see cref="SqliteCheckpointer"/> does it first.</summary>
    public const int WalAutoCheckpointPages = 20_000;

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

    /// <summary>
    /// Opens a write transaction on its own connection, taking this process's writer's turn first
    /// (see <see cref="WriteTransaction"/>). Throws <see cref="InvalidOperationException"/> inside another one.
    /// </summary>
    public Task<WriteTransaction> BeginWriteAsync(CancellationToken ct = default) => WriteTransaction.BeginAsync(this, _gate, ct);

    public static bool IsUniqueViolation(Exception e) =>
        e is SqliteException { SqliteErrorCode: 19 } || e is PostgresException { SqlState: "23505" };

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

    public async ValueTask DisposeAsync()
    {
        await Lane.DisposeAsync();
        _postgres?.Dispose();
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();
}
