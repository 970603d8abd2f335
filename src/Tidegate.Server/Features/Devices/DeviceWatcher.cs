using Dapper;
using Tidegate.Server.Data;

namespace Tidegate.Server.Features.Devices;

/// <summary>
/// Every second (Tidegate:Devices:RevisionPollMilliseconds): reads device_revision and reloads the
/// <see cref="DeviceRegistry"/> when it moved (a device revoked through another instance is refused
/// here within that), and writes the last-seen times gathered meanwhile. Runs on every instance.
/// </summary>
public sealed class DeviceWatcher(DeviceRegistry registry, Db db, DeviceOptions options, TimeProvider clock, ILogger<DeviceWatcher> logger)
    : BackgroundService
{
    /// <summary>Also reload now and then without a revision change, for edits made behind the application's back.</summary>
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(options.RevisionPollMilliseconds));
        var failing = false;
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await registry.FlushLastSeenAsync(stoppingToken);
                if (registry.Current is not { } current) continue; // nothing asked for a device yet: the first request loads
                await using (var connection = await db.OpenAsync(stoppingToken))
                {
                    var revision = await connection.ExecuteScalarAsync<long>(DeviceSql.Revision);
                    var age = clock.GetUtcNow() - current.LoadedAt;
                    if (revision != current.Revision || age > Lifetime || age < TimeSpan.Zero) await registry.LoadOnceAsync();
                }
                failing = false;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                if (!failing) logger.LogWarning("Could not read the device registry ({Error}); will try again", e.GetType().Name);
                failing = true;
            }
        }
    }
}
