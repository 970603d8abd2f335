using System.Text.Json;

namespace Tidegate.Server.Features.Tickets.Mail;

/// <summary>The emails the outbox sends (mail_outbox.kind) and the facts a change or cancellation carries (mail_outbox.detail).</summary>
public static class MailKinds
{
    /// <summary>Booking confirmed: the ticket.</summary>
    public const string Ticket = "ticket";
    /// <summary>Moved to another slot: the new ticket, the old QR void, the difference charged or refunded.</summary>
    public const string Changed = "changed";
    /// <summary>Cancelled: the refund.</summary>
    public const string Cancelled = "cancelled";
    /// <summary>The day before the visit; detail is the visit date it was queued for.</summary>
    public const string Reminder = "reminder";
    /// <summary>The ticket link again, asked for on the find-my-booking page.</summary>
    public const string Resend = "resend";
}

/// <summary>What a change or cancellation email says beyond the booking itself. No personal data.</summary>
public sealed record MailDetail(string? OldDate = null, int? OldStartMinute = null, int Charged = 0, int Refunded = 0)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static MailDetail Parse(string? json) =>
        json is { Length: > 0 } && json.StartsWith('{') ? JsonSerializer.Deserialize<MailDetail>(json, Json) ?? new() : new();
}
