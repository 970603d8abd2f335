using System.Collections.Concurrent;
using Dapper;
using Tidegate.Server.Data;

namespace Tidegate.Server.Infrastructure.Jobs;

/// <summary>
/// Makes each background job run on one instance at a time (docs/adr/0003-job-leases.md). Every
/// RenewSeconds this service takes or renews a row per job in job_leases (name, holder, expires_at
/// by the app clock); a job asks <see cref="ShouldRun"/> before each round and skips it when another
/// instance holds the lease. A holder that stops renewing (crashed, cut off) believes it holds the
/// lease only until a third of the lease before its expiry, measured on the monotonic clock, so its
/// successor never overlaps it; the others take over once expires_at has passed. On a graceful stop
/// the leases are released and taken over at the next renewal. On SQLite there is one instance:
/// every lease is held without a row.
/// </summary>
public sealed class JobLeases(Db db, TimeProvider clock, JobLeaseOptions options, ILogger<JobLeases> logger) : BackgroundService
{
    private readonly ConcurrentDictionary<string, long> _renewedAt = new(); // monotonic timestamp of the last successful take or renewal
    private readonly ConcurrentDictionary<string, long> _runs = new();

    /// <summary>This process's name in job_leases.holder.</summary>
    public string Holder { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>True when this instance holds <paramref name="job"/>'s lease now; counts the round it lets run.</summary>
    public bool ShouldRun(string job)
    {
        if (!Holds(job)) return false;
        _runs.AddOrUpdate(job, 1, (_, n) => n + 1);
        return true;
    }

    public bool Holds(string job) =>
        db.Engine == DbEngine.Sqlite
        || (_renewedAt.TryGetValue(job, out var at) && clock.GetElapsedTime(at) < options.Lease - options.Lease / 3);

    /// <summary>Rounds this instance ran of <paramref name="job"/> (for tests and the dev tools).</summary>
    public long RunsOf(string job) => _runs.GetValueOrDefault(job);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (db.Engine == DbEngine.Sqlite) return;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                foreach (var job in JobNames.Leased) await TakeOrRenewAsync(job, stoppingToken);
                await Task.Delay(options.Renew, clock, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopped: StopAsync releases the leases.
        }
    }

    private async Task TakeOrRenewAsync(string job, CancellationToken ct)
    {
        var started = clock.GetTimestamp();
        var now = clock.GetUtcNow();
        try
        {
            var held = await db.WriteAsync((connection, tx) => connection.ExecuteAsync(JobLeaseSql.TakeOrRenew, new
            {
                Name = job, Holder, ExpiresAt = now.Add(options.Lease), Now = now,
            }, tx), ct) == 1;
            if (held)
            {
                if (!_renewedAt.ContainsKey(job)) logger.LogInformation("Took the lease of job {Job}", job);
                _renewedAt[job] = started;
            }
            else if (_renewedAt.TryRemove(job, out _)) logger.LogWarning("Lost the lease of job {Job} to another instance", job);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // Keep what we had: the lease lapses locally before anyone else may take it.
            logger.LogWarning("Could not renew the lease of job {Job} ({Error})", job, e.GetType().Name);
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (db.Engine == DbEngine.Sqlite || _renewedAt.IsEmpty) return;
        _renewedAt.Clear();
        try
        {
            await db.WriteAsync((connection, tx) => connection.ExecuteAsync(JobLeaseSql.Release, new { Holder }, tx), cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning("Could not release the job leases ({Error}); they lapse by themselves", e.GetType().Name);
        }
    }
}
