namespace Tidegate.Server.Data.Migrations;

/// <summary>
/// The visitor's consent to the terms and cancellation policy: which version and when, one row per
/// booking, written with the hold when the booking form (or an API client) gives it.
/// </summary>
public static class M017_BookingConsent
{
    public static readonly Migration Migration = new(17, "booking_consent", """
        CREATE TABLE booking_consents (
            booking_id TEXT PRIMARY KEY,
            terms_version TEXT NOT NULL,
            accepted_at BIGINT NOT NULL
        );
        """);
}
