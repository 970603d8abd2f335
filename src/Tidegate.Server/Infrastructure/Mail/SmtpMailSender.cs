using MailKit.Security;
using MimeKit;
using SmtpClient = MailKit.Net.Smtp.SmtpClient;

namespace Tidegate.Server.Infrastructure.Mail;

/// <summary>
/// MailKit over SMTP, one connection per message (the outbox sends a few at a time, in the
/// background). SendAsync returns only after the server answered 250 to the message's data, so the
/// outbox marks a row sent only once the server has it. The envelope's recipients are the
/// message's To mailboxes, built with MailboxAddress(name, address): a display name is encoded as
/// text and can never become another recipient or a header.
/// </summary>
public sealed class SmtpMailSender(string host, int port, SecureSocketOptions security, string? user, string? password, int timeoutSeconds)
    : IMailSender
{
    public async Task SendAsync(MimeMessage message, CancellationToken ct)
    {
        using var client = new SmtpClient { Timeout = timeoutSeconds * 1000 };
        await client.ConnectAsync(host, port, security, ct);
        if (user is not null) await client.AuthenticateAsync(user, password ?? "", ct);
        await client.SendAsync(message, ct);
        await client.DisconnectAsync(quit: true, ct);
    }
}
