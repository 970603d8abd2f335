namespace Tidegate.Server.Data.Migrations;

/// <summary>
/// Staff accounts (admin, operator, analyst) and their sessions. The email is stored encrypted and
/// found by its keyed hash (unique, so two spellings of one address are one account); the password
/// is ASP.NET Core Identity's hash; the TOTP secret is encrypted; recovery codes are stored hashed.
/// </summary>
public static class M007_Staff
{
    public static readonly Migration Migration = new(7, "staff", """
        CREATE TABLE staff (
            id TEXT PRIMARY KEY,
            email_key TEXT NOT NULL UNIQUE,
            email TEXT NOT NULL,
            name TEXT NOT NULL,
            role TEXT NOT NULL CHECK (role IN ('admin', 'operator', 'analyst')),
            password_hash TEXT NOT NULL,
            totp_secret TEXT NULL,
            totp_pending_secret TEXT NULL,
            totp_enrolled INTEGER NOT NULL DEFAULT 0,
            totp_last_step BIGINT NULL,
            failed_attempts INTEGER NOT NULL DEFAULT 0,
            locked_until BIGINT NULL,
            created_at BIGINT NOT NULL,
            disabled_at BIGINT NULL
        );
        CREATE TABLE staff_recovery_codes (
            staff_id TEXT NOT NULL REFERENCES staff (id),
            code_hash TEXT NOT NULL,
            used_at BIGINT NULL,
            PRIMARY KEY (staff_id, code_hash)
        );
        CREATE TABLE staff_sessions (
            id TEXT PRIMARY KEY,
            staff_id TEXT NOT NULL REFERENCES staff (id),
            created_at BIGINT NOT NULL,
            last_seen_at BIGINT NOT NULL,
            expires_at BIGINT NOT NULL,
            ended_at BIGINT NULL
        );
        CREATE INDEX staff_sessions_staff ON staff_sessions (staff_id);
        """);
}
