using Tidegate.Domain.Booking;
using Tidegate.Server.Data;
using Tidegate.Server.Features.Booking;
using Tidegate.Server.Infrastructure.Jobs;
using Tidegate.Server.Infrastructure.Mail;

namespace Tidegate.Server.Features.Tickets.Mail;

/// <summary>
/// Delivers queued ticket emails in the background, with exponential backoff on failure
/// (Tidegate:Mail:RetryBaseSeconds 10, RetryMaxSeconds 3600, MaxAttempts 20, PollSeconds 2).
/// Logs carry the outbox id and the failure's type, never an address.
/// </summary>
public sealed class TicketMailer(
    TicketMailOutbox outbox, TicketEmail email, IMailSender sender, MailSignal signal, BookingLookup bookings, JobLeases leases, TimeProvider clock,
    MailOptions options, MailOutboxAge age, ILogger<TicketMailer> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var poll = TimeSpan.FromSeconds(options.PollSeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (leases.ShouldRun(JobNames.TicketMailer) && await SendDueAsync(stoppingToken) > 0) { }
                await age.MeasureIfDueAsync(stoppingToken);
                if (await signal.WaitAsync(poll, stoppingToken))
                    await Task.Delay(100, stoppingToken); // let the confirming transaction commit
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "The mail outbox could not be read; will try again");
                await Task.Delay(poll, stoppingToken);
            }
        }
    }

    /// <summary>Sends what is due now; returns how many rows it worked on.</summary>
    public async Task<int> SendDueAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var items = await outbox.ClaimDueAsync(now, now.AddMinutes(2), 20, ct);
        foreach (var item in items) await SendAsync(item, ct);
        return items.Count;
    }

    private async Task SendAsync(TicketMailOutbox.Item item, CancellationToken ct)
    {
        var booking = await bookings.ByIdAsync(item.BookingId, ct);
        if (Stale(item, booking) is { } why)
        {
            await outbox.GiveUpAsync(item.Id, why, ct);
            return;
        }
        try
        {
            using var message = await email.ComposeAsync(booking!, item.Kind, item.Detail, ct);
            await sender.SendAsync(message, ct);
            await outbox.MarkSentAsync(item.Id, clock.GetUtcNow(), ct);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            var error = e is MailKit.Net.Smtp.SmtpCommandException smtp ? $"{e.GetType().Name} {smtp.StatusCode}" : e.GetType().Name;
            if (item.Attempts >= options.MaxAttempts)
            {
                logger.LogError("Email {OutboxId} ({Kind}) failed {Attempts} times ({Error}); giving up", item.Id, item.Kind, item.Attempts, error);
                await outbox.GiveUpAsync(item.Id, error, CancellationToken.None);
                return;
            }
            var delay = Backoff((int)item.Attempts);
            logger.LogWarning("Email {OutboxId} ({Kind}) attempt {Attempts} failed ({Error}); retrying in {Delay}", item.Id, item.Kind, item.Attempts, error, delay);
            await outbox.RetryLaterAsync(item.Id, clock.GetUtcNow().Add(delay), error, CancellationToken.None);
        }
    }

    /// <summary>Why the email no longer fits the booking (cancelled since, or moved off the date a reminder was for); null when it does.</summary>
    private static string? Stale(TicketMailOutbox.Item item, BookingRow? booking) => booking switch
    {
        null => "booking gone",
        _ when item.Kind == MailKinds.Cancelled => booking.Status == BookingStatus.Cancelled ? null : "booking not cancelled",
        _ when booking.Status != BookingStatus.Confirmed => "booking no longer confirmed",
        _ when item.Kind == MailKinds.Reminder && item.Detail != Tidegate.Domain.Common.IsoDate.Text(booking.VisitDate) => "booking moved to another date",
        _ => null,
    };

    /// <summary>base × 2^(attempt−1), capped, with ±20% jitter so instances do not retry in step.</summary>
    private TimeSpan Backoff(int attempt)
    {
        var seconds = Math.Min(options.RetryMaxSeconds, options.RetryBaseSeconds * Math.Pow(2, Math.Min(attempt - 1, 20)));
        return TimeSpan.FromSeconds(seconds * (0.8 + 0.4 * Random.Shared.NextDouble()));
    }
}
