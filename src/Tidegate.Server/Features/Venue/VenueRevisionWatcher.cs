using Dapper;
using Tidegate.Server.Data;

namespace Tidegate.Server.Features.Venue;

/// <summary>
/// Polls venue.revision (Tidegate:Venue:RevisionPollMilliseconds, default 1000) and lets the
/// <see cref="VenueStore"/> drop its snapshot when another instance changed the venue. One
/// primary-key read a second per instance: cheaper than LISTEN/NOTIFY's dedicated connection, and the same on both engines.
/// </summary>
public sealed class VenueRevisionWatcher(VenueStore venues, Db db, VenueWatchOptions options, ILogger<VenueRevisionWatcher> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(options.RevisionPollMilliseconds));
        var failing = false;
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var connection = await db.OpenAsync(stoppingToken);
                if (await connection.ExecuteScalarAsync<long?>(VenueStore.RevisionSql) is { } revision) venues.Seen(revision);
                failing = false;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                if (!failing) logger.LogWarning("Could not read the venue's revision ({Error}); will try again", e.GetType().Name);
                failing = true;
            }
        }
    }
}
