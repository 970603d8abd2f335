using Dapper;
using Microsoft.AspNetCore.DataProtection;
using Tidegate.Server.Data;

namespace Tidegate.Server.Infrastructure.DataProtection;

/// <summary>
/// Loads the data-protection key ring before anything else starts, one instance at a time on
/// PostgreSQL (an advisory lock): on an empty database the first instance creates the key and the
/// others, waiting, find it. Without this, instances starting together each created their own
/// first key and, once the framework's short refresh window after start had passed, refused each
/// other's forms until their daily key-ring refresh.
/// </summary>
public sealed class KeyRingWarmup(Db db, IDataProtectionProvider protection, ILogger<KeyRingWarmup> logger) : IHostedService
{
    private const long AdvisoryLockId = 0x7467646b65797321; // "tgdkeys!"

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            var dialect = SqlDialect.Of(db.Engine);
            await using var connection = await db.OpenAsync(cancellationToken);
            if (dialect.AdvisoryLock is { } lockSql) await connection.ExecuteAsync(lockSql, new { id = AdvisoryLockId });
            try
            {
                protection.CreateProtector("Tidegate.KeyRingWarmup").Protect([1]); // reads the ring, creating the first key if there is none
            }
            finally
            {
                if (dialect.AdvisoryUnlock is { } unlockSql) await connection.ExecuteAsync(unlockSql, new { id = AdvisoryLockId });
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Not fatal here: the first request that needs the ring loads it (and reports the same error).
            logger.LogWarning("Could not load the data-protection key ring at start ({Error})", e.GetType().Name);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
