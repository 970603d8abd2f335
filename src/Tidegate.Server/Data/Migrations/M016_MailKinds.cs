namespace Tidegate.Server.Data.Migrations;

/// <summary>
/// The outbox's rows beyond the ticket email (changed, cancelled, reminder, resent link) carry a small
/// JSON of facts that are not the booking's own (the slot before a change, the difference charged or
/// refunded, the refund of a cancellation, the visit date a reminder is for). Never personal data.
/// </summary>
public static class M016_MailKinds
{
    public static readonly Migration Migration = new(16, "mail_kinds", """
        ALTER TABLE mail_outbox ADD COLUMN detail TEXT NULL;
        """);
}
