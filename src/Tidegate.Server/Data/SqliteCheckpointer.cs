using Dapper;
using Tidegate.Server.Infrastructure.Jobs;

namespace Tidegate.Server.Data;

/// <summary>
/// Moves SQLite's WAL checkpoints off the writers' path. By default the connection whose commit
/// crosses 1,000 WAL pages runs the checkpoint itself, so one unlucky hold or scan batch waits for
/// the copy and the database file's fsync. Writers here let the WAL grow to
/// <see cref="Db.WalAutoCheckpointPages"/> pages instead (a safety net), and this service runs a
/// PASSIVE checkpoint every Tidegate:Database:CheckpointMilliseconds (500): it copies what no reader
/// still needs, beside the writer, never blocking it. Commits are as durable as before: the WAL is
/// fsynced on every commit either way.
/// </summary>
public sealed class SqliteCheckpointer(Db db, JobLeases leases, DatabaseOptions options, ILogger<SqliteCheckpointer> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (SqlDialect.Of(db.Engine).WalCheckpoint is not { } checkpoint) return;
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(options.CheckpointMilliseconds));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            if (!leases.ShouldRun(JobNames.SqliteCheckpointer)) continue;
            try
            {
                await using var connection = await db.OpenAsync(stoppingToken);
                await connection.ExecuteAsync(checkpoint);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "WAL checkpoint failed; will try again");
            }
        }
    }
}
