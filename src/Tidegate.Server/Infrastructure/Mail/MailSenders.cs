using System.Net;
using System.Net.Mail;

namespace Tidegate.Server.Infrastructure.Mail;

/// <summary>
/// Picks the sender from configuration: SMTP when Tidegate:Mail:Host is set (Port, EnableSsl,
/// User, Password), otherwise .eml files under data/mail (Tidegate:Mail:PickupDirectory).
/// </summary>
public static class MailSenders
{
    public static IMailSender Create(IConfiguration config, string dataDirectory)
    {
        var mail = config.GetSection("Tidegate:Mail");
        if (mail["Host"] is { Length: > 0 } host)
            return new SmtpMailSender(host, mail.GetValue("Port", 25), mail.GetValue("EnableSsl", false), mail["User"], mail["Password"],
                mail.GetValue("TimeoutSeconds", 15));
        return new PickupDirectoryMailSender(Path.GetFullPath(mail["PickupDirectory"] ?? Path.Combine(dataDirectory, "mail")));
    }
}

/// <summary>System.Net.Mail over SMTP; one client per message (SmtpClient is not thread-safe).</summary>
public sealed class SmtpMailSender(string host, int port, bool enableSsl, string? user, string? password, int timeoutSeconds) : IMailSender
{
    public async Task SendAsync(MailMessage message, CancellationToken ct)
    {
        using var client = new SmtpClient(host, port) { EnableSsl = enableSsl, Timeout = timeoutSeconds * 1000 };
        if (user is not null) client.Credentials = new NetworkCredential(user, password);
        await client.SendMailAsync(message, ct);
    }
}

/// <summary>Development without a mail server: each message becomes an .eml file to open in any mail program.</summary>
public sealed class PickupDirectoryMailSender(string directory) : IMailSender
{
    public string Directory { get; } = directory;

    public Task SendAsync(MailMessage message, CancellationToken ct)
    {
        System.IO.Directory.CreateDirectory(Directory);
        using var client = new SmtpClient { DeliveryMethod = SmtpDeliveryMethod.SpecifiedPickupDirectory, PickupDirectoryLocation = Directory };
        client.Send(message);
        return Task.CompletedTask;
    }
}
