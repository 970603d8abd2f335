using MailKit.Security;

namespace Tidegate.Server.Infrastructure.Mail;

/// <summary>
/// Picks the sender from configuration: SMTP when Tidegate:Mail:Host is set (Port, Security, User,
/// Password, TimeoutSeconds), otherwise .eml files under data/mail (Tidegate:Mail:PickupDirectory).
/// Security is <c>none</c>, <c>starttls</c> or <c>sslonconnect</c>; without it, <c>EnableSsl=true</c>
/// (the older setting) means STARTTLS, port 465 means TLS on connect, anything else none.
/// </summary>
public static class MailSenders
{
    public static IMailSender Create(MailOptions mail, string dataDirectory)
    {
        if (mail.Host is { Length: > 0 } host)
            return new SmtpMailSender(host, mail.Port, SecurityOf(mail.Security, mail.EnableSsl, mail.Port),
                mail.User is { Length: > 0 } user ? user : null, mail.Password, mail.TimeoutSeconds);
        return new PickupDirectoryMailSender(Path.GetFullPath(mail.PickupDirectory ?? Path.Combine(dataDirectory, "mail")));
    }

    public static SecureSocketOptions SecurityOf(string? setting, bool enableSsl, int port) => setting?.Trim().ToLowerInvariant() switch
    {
        "none" => SecureSocketOptions.None,
        "starttls" => SecureSocketOptions.StartTls,
        "sslonconnect" or "ssl" or "tls" => SecureSocketOptions.SslOnConnect,
        null or "" => enableSsl ? SecureSocketOptions.StartTls : port == 465 ? SecureSocketOptions.SslOnConnect : SecureSocketOptions.None,
        _ => throw new InvalidOperationException($"Unknown Tidegate:Mail:Security '{setting}' (none, starttls or sslonconnect)."),
    };
}
