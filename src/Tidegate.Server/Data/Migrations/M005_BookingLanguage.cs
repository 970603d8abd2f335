namespace Tidegate.Server.Data.Migrations;

/// <summary>The language a booking was made in ("ja", "en"), so its ticket email is written in it; null sends both.</summary>
public static class M005_BookingLanguage
{
    public static readonly Migration Migration = new(5, "booking_language", """
        ALTER TABLE bookings ADD COLUMN language TEXT NULL;
        """);
}
