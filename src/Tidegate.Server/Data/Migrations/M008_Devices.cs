namespace Tidegate.Server.Data.Migrations;

/// <summary>
/// Registered gate and shop devices. Only a keyed hash of each device's token is kept (the token is
/// shown once, when the device is registered). device_revision is bumped by every registration and
/// revocation; each instance polls it every second and reloads its map of active devices.
/// </summary>
public static class M008_Devices
{
    public static readonly Migration Migration = new(8, "devices", """
        CREATE TABLE devices (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            lane TEXT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('gate', 'shop')),
            token_hash TEXT NOT NULL UNIQUE,
            created_by TEXT NOT NULL,
            created_at BIGINT NOT NULL,
            last_seen_at BIGINT NULL,
            revoked_at BIGINT NULL
        );
        CREATE TABLE device_revision (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            revision BIGINT NOT NULL
        );
        INSERT INTO device_revision (id, revision) VALUES (1, 0);
        """);
}
