using Dapper;
using Npgsql;
using Tidegate.Server.Data;
using Tidegate.Server.Tests.Support;

namespace Tidegate.Server.Tests.Data;

/// <summary>Each statement whose SQL differs by engine, run on both engines.</summary>
public class SqlDialectTests
{
    private const long LockId = 0x74672d7465737421; // "tg-test!"

    [Theory, Engines]
    public async Task The_engine_version_reads_as_a_version(string engine)
    {
        using var app = new TestApp(engine);
        await using var connection = await app.Db.OpenAsync();

        var version = await connection.ExecuteScalarAsync<string>(SqlDialect.Of(app.Db.Engine).EngineVersion);

        Assert.True(Version.TryParse(version!.Split(' ')[0], out var parsed) && parsed.Major > 0, version);
    }

    [Theory, Engines]
    public async Task The_advisory_lock_keeps_another_session_out_until_unlocked(string engine)
    {
        using var app = new TestApp(engine);
        var dialect = SqlDialect.Of(app.Db.Engine);
        if (app.Db.Engine == DbEngine.Sqlite)
        {
            // One file, one writer: there is no session lock to take, and callers skip it.
            Assert.Null(dialect.AdvisoryLock);
            Assert.Null(dialect.AdvisoryUnlock);
            return;
        }
        await using var holder = await app.Db.OpenAsync();
        await using var other = await app.Db.OpenAsync();
        await holder.ExecuteAsync(dialect.AdvisoryLock!, new { id = LockId });
        Assert.False(await other.ExecuteScalarAsync<bool>("SELECT pg_try_advisory_lock(@id)", new { id = LockId }));

        Assert.True(await holder.ExecuteScalarAsync<bool>(dialect.AdvisoryUnlock!, new { id = LockId }));
        Assert.True(await other.ExecuteScalarAsync<bool>("SELECT pg_try_advisory_lock(@id)", new { id = LockId }));
    }

    [Theory, Engines]
    public async Task The_wal_checkpoint_runs_on_sqlite_and_is_left_to_the_server_on_postgres(string engine)
    {
        using var app = new TestApp(engine);
        var checkpoint = SqlDialect.Of(app.Db.Engine).WalCheckpoint;
        if (app.Db.Engine == DbEngine.Postgres)
        {
            Assert.Null(checkpoint);
            return;
        }
        await using var connection = await app.Db.OpenAsync();
        // PRAGMA wal_checkpoint answers (busy, WAL frames, frames checkpointed); busy is 0 for a PASSIVE one.
        var (busy, log, done) = await connection.QuerySingleAsync<(long, long, long)>(checkpoint!);
        Assert.Equal(0, busy);
        Assert.True(done <= log);
    }
}
