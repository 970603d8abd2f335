namespace Tidegate.Server.Data.Migrations;

/// <summary>
/// Find-my-booking's request counts per keyed hash (of an email or a client address group) and hour,
/// shared by every instance so the limit holds however many run. Rows older than an hour are deleted
/// as new ones come.
/// </summary>
public static class M018_FindBookingThrottle
{
    public static readonly Migration Migration = new(18, "find_booking_throttle", """
        CREATE TABLE find_booking_counts (
            throttle_key TEXT NOT NULL,
            hour_start BIGINT NOT NULL,
            requests INTEGER NOT NULL,
            PRIMARY KEY (throttle_key, hour_start)
        );
        CREATE INDEX find_booking_counts_hour ON find_booking_counts (hour_start);
        """);
}
