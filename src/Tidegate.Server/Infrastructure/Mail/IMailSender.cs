using MimeKit;

namespace Tidegate.Server.Infrastructure.Mail;

/// <summary>
/// Delivers one message or throws; returning means the server (or the pickup folder) accepted it
/// whole. Two real implementations: SMTP, and .eml files for development.
/// </summary>
public interface IMailSender
{
    Task SendAsync(MimeMessage message, CancellationToken ct);
}

/// <summary>Wakes the mail outbox worker when something was queued, so it need not wait for its next poll.</summary>
public sealed class MailSignal
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Notify()
    {
        if (_signal.CurrentCount == 0)
            try { _signal.Release(); } catch (SemaphoreFullException) { } // already signalled
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken ct) => _signal.WaitAsync(timeout, ct);
}
