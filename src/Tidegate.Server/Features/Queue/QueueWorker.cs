using Tidegate.Domain.Queue;
using Tidegate.Domain.Venue;
using Tidegate.Server.Features.Venue;

namespace Tidegate.Server.Features.Queue;

/// <summary>
/// Runs on every instance, a few times a second (Tidegate:Queue:TickMilliseconds): refreshes the
/// local copy of the waiting room, shuffles a date's early arrivals once it has opened, and
/// advances admission. The row lock and the time since the last advance make it safe and exact
/// however many instances tick.
/// </summary>
public sealed class QueueWorker(
    QueueStore store, QueueState state, VenueStore venues, QueueSettings settings, TimeProvider clock, QueueOptions options,
    ILogger<QueueWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var tick = TimeSpan.FromMilliseconds(options.TickMilliseconds);
        using var timer = new PeriodicTimer(tick);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await TickAsync(tick * 0.8, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Waiting room tick failed; will try again");
            }
        }
    }

    public async Task TickAsync(TimeSpan minInterval, CancellationToken ct)
    {
        var calendar = await venues.GetAsync(ct);
        DateTimeOffset OpensAt(DateOnly d) => BookingWindow.OpensAt(d, calendar.Time);
        await state.RefreshAsync(OpensAt, ct);
        var now = clock.GetUtcNow();
        foreach (var date in state.Dates)
        {
            var day = date.Row.VisitDate;
            if (now < OpensAt(day)) continue;
            if (date.Row.ShuffledAt is null && await store.TryShuffleAsync(day, ct)) continue;
            if (date.Row.NextPosition - 1 > date.Row.AdmittedUpto)
                await store.AdvanceAsync(day, date.Progress, settings, minInterval, ct);
        }
    }
}
