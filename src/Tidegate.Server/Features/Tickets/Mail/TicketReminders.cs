using System.ComponentModel.DataAnnotations;
using Tidegate.Server.Features.Venue;
using Tidegate.Server.Infrastructure.Jobs;
using Tidegate.Server.Infrastructure.Mail;

namespace Tidegate.Server.Features.Tickets.Mail;

/// <summary>Tidegate:Mail:Reminders: from which hour of the day before the visit (venue time) reminders go out, and how often the job looks.</summary>
public sealed class ReminderOptions
{
    public const string Section = "Tidegate:Mail:Reminders";

    [Range(0, 23)] public int Hour { get; set; } = 10;
    [Range(0.001, 24 * 3600)] public double EverySeconds { get; set; } = 60;
}

/// <summary>
/// The day-before reminder: from Tidegate:Mail:Reminders:Hour (10:00) the day before, queues one
/// reminder per confirmed booking with an email visiting tomorrow. Runs under the "reminders" job
/// lease (one instance at a time); and the outbox row's id is the booking and the date, so even two
/// instances running it at once (or the dev tools' POST /api/v1/dev/jobs/reminders) queue each once.
/// </summary>
public sealed class TicketReminders(
    TicketMailOutbox outbox, VenueStore venues, MailSignal signal, JobLeases leases, ReminderOptions options, TimeProvider clock,
    ILogger<TicketReminders> logger) : BackgroundService
{
    /// <summary>Queues tomorrow's reminders; before the hour only when <paramref name="anyHour"/> (the dev tools). Returns how many were new.</summary>
    public async Task<int> RunAsync(bool anyHour, CancellationToken ct)
    {
        var calendar = await venues.GetAsync(ct);
        var now = clock.GetUtcNow();
        if (!anyHour && calendar.Time.Local(now).Hour < options.Hour) return 0;
        var queued = await outbox.EnqueueRemindersAsync(calendar.Time.Today(now).AddDays(1), now.ToUnixTimeMilliseconds(), ct);
        if (queued > 0) signal.Notify();
        return queued;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.EverySeconds));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            if (!leases.ShouldRun(JobNames.Reminders)) continue;
            try
            {
                var queued = await RunAsync(anyHour: false, stoppingToken);
                if (queued > 0) logger.LogInformation("Queued {Count} reminder emails", queued);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Queueing reminders failed; will try again");
            }
        }
    }
}
