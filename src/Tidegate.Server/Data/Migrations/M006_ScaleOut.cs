namespace Tidegate.Server.Data.Migrations;

/// <summary>
/// What several instances must share instead of keeping per process: the data-protection key ring
/// (each key's secret encrypted with the data key), the sandbox card provider's own books, the
/// background jobs' leases, and the venue's revision that tells every instance to reload its calendar.
/// </summary>
public static class M006_ScaleOut
{
    public static readonly Migration Migration = new(6, "scale_out", """
        CREATE TABLE data_protection_keys (
            id TEXT PRIMARY KEY,
            friendly_name TEXT NOT NULL,
            xml TEXT NOT NULL,
            created_at BIGINT NOT NULL
        );
        CREATE TABLE sandbox_payments (
            id TEXT PRIMARY KEY,
            idempotency_key TEXT NOT NULL UNIQUE,
            amount INTEGER NOT NULL,
            currency TEXT NOT NULL,
            return_url TEXT NOT NULL,
            checkout_url TEXT NOT NULL,
            status TEXT NOT NULL,
            failure_code TEXT NULL,
            refunded INTEGER NOT NULL DEFAULT 0,
            created_at BIGINT NOT NULL,
            CHECK (refunded >= 0 AND refunded <= amount)
        );
        CREATE TABLE sandbox_refunds (
            payment_id TEXT NOT NULL REFERENCES sandbox_payments (id),
            idempotency_key TEXT NOT NULL,
            id TEXT NOT NULL UNIQUE,
            amount INTEGER NOT NULL,
            status TEXT NOT NULL,
            created_at BIGINT NOT NULL,
            PRIMARY KEY (payment_id, idempotency_key)
        );
        CREATE TABLE sandbox_held_events (
            id TEXT PRIMARY KEY,
            payment_id TEXT NOT NULL,
            type TEXT NOT NULL,
            body TEXT NOT NULL,
            created_at BIGINT NOT NULL
        );
        CREATE INDEX sandbox_held_events_payment ON sandbox_held_events (payment_id);
        CREATE TABLE job_leases (
            name TEXT PRIMARY KEY,
            holder TEXT NOT NULL,
            expires_at BIGINT NOT NULL
        );
        ALTER TABLE venue ADD COLUMN revision BIGINT NOT NULL DEFAULT 0;
        """);
}
