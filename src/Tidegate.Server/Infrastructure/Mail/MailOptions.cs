using System.ComponentModel.DataAnnotations;

namespace Tidegate.Server.Infrastructure.Mail;

/// <summary>
/// Tidegate:Mail: SMTP when Host is set (Port, Security, User, Password, TimeoutSeconds), otherwise
/// .eml files under PickupDirectory (data/mail); the sender address; and the outbox's pacing and retries.
/// </summary>
public sealed class MailOptions
{
    public const string Section = "Tidegate:Mail";

    public string? Host { get; set; }
    [Range(1, 65535)] public int Port { get; set; } = 25;
    /// <summary>none, starttls or sslonconnect; unset: EnableSsl (the older setting) means STARTTLS, port 465 TLS on connect.</summary>
    public string? Security { get; set; }
    public bool EnableSsl { get; set; }
    public string? User { get; set; }
    public string? Password { get; set; }
    [Range(1, int.MaxValue)] public int TimeoutSeconds { get; set; } = 15;
    public string? PickupDirectory { get; set; }
    public string From { get; set; } = "tickets@tidegate.local";

    [Range(0.001, double.MaxValue)] public double PollSeconds { get; set; } = 2.0;
    [Range(1, int.MaxValue)] public int MaxAttempts { get; set; } = 20;
    [Range(0.001, double.MaxValue)] public double RetryBaseSeconds { get; set; } = 10.0;
    [Range(0.001, double.MaxValue)] public double RetryMaxSeconds { get; set; } = 3600.0;
    /// <summary>How often the oldest unsent email's age is measured for the gauge.</summary>
    [Range(0.001, double.MaxValue)] public double AgeEverySeconds { get; set; } = 10.0;
}
