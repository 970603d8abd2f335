using Tidegate.Server.Infrastructure.Jobs;

namespace Tidegate.Server.Features.Booking;

/// <summary>
/// Background job that marks lapsed holds expired and gives their places back. Readers never wait
/// for it (they count live holds only); it keeps the counters tidy and the table small.
/// </summary>
public sealed class HoldSweeper(HoldStore holds, JobLeases leases, HoldOptions options, ILogger<HoldSweeper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromSeconds(options.SweepSeconds);
        using var timer = new PeriodicTimer(interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            if (!leases.ShouldRun(JobNames.HoldSweeper)) continue;
            try
            {
                int swept;
                do swept = await holds.SweepAsync(500, stoppingToken);
                while (swept == 500 && !stoppingToken.IsCancellationRequested);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Sweeping lapsed holds failed; will try again");
            }
        }
    }
}
