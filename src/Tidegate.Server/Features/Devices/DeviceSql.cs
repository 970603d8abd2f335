namespace Tidegate.Server.Features.Devices;

/// <summary>The SQL of the device registry; portable between SQLite and PostgreSQL.</summary>
public static class DeviceSql
{
    public const string Revision = "SELECT revision FROM device_revision WHERE id = 1";

    public const string BumpRevision = "UPDATE device_revision SET revision = revision + 1 WHERE id = 1 RETURNING revision";

    public const string Active = "SELECT id, name, lane, kind, token_hash, last_seen_at FROM devices WHERE revoked_at IS NULL";

    public const string Insert = """
        INSERT INTO devices (id, name, lane, kind, token_hash, created_by, created_at, last_seen_at, revoked_at)
        VALUES (@Id, @Name, @Lane, @Kind, @TokenHash, @CreatedBy, @CreatedAt, NULL, NULL)
        """;

    public const string List = """
        SELECT id, name, lane, kind, created_by, created_at, last_seen_at, revoked_at FROM devices ORDER BY created_at, id
        """;

    public const string Revoke = "UPDATE devices SET revoked_at = @Now WHERE id = @Id AND revoked_at IS NULL";

    public const string Exists = "SELECT COUNT(*) FROM devices WHERE id = @Id";

    /// <summary>Never moves last_seen_at backwards (another instance may have written a later one).</summary>
    public const string Seen = "UPDATE devices SET last_seen_at = @At WHERE id = @Id AND (last_seen_at IS NULL OR last_seen_at < @At)";
}
