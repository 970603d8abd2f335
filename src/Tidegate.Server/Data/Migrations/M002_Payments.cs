namespace Tidegate.Server.Data.Migrations;

/// <summary>
/// Payments, refunds and the provider events already handled. Only what settlement needs: the
/// provider's reference, amounts, statuses and times; never card data or provider payloads.
/// </summary>
public static class M002_Payments
{
    public static readonly Migration Migration = new(2, "payments", """
        CREATE TABLE payments (
            id TEXT PRIMARY KEY,
            booking_id TEXT NOT NULL REFERENCES bookings (id),
            purpose TEXT NOT NULL,
            provider TEXT NOT NULL,
            idempotency_key TEXT NOT NULL UNIQUE,
            provider_ref TEXT NULL UNIQUE,
            checkout_url TEXT NULL,
            amount INTEGER NOT NULL,
            currency TEXT NOT NULL,
            status TEXT NOT NULL,
            failure_code TEXT NULL,
            move_date TEXT NULL,
            move_start_minute INTEGER NULL,
            move_amount INTEGER NULL,
            move_serial INTEGER NULL,
            created_at BIGINT NOT NULL,
            updated_at BIGINT NOT NULL,
            settled_at BIGINT NULL,
            checked_at BIGINT NULL
        );
        CREATE INDEX ix_payments_booking ON payments (booking_id);
        CREATE INDEX ix_payments_pending ON payments (created_at) WHERE status = 'pending';
        CREATE TABLE refunds (
            id TEXT PRIMARY KEY,
            payment_id TEXT NOT NULL REFERENCES payments (id),
            booking_id TEXT NOT NULL,
            amount INTEGER NOT NULL,
            reason TEXT NOT NULL,
            idempotency_key TEXT NOT NULL UNIQUE,
            provider_ref TEXT NULL,
            status TEXT NOT NULL,
            created_at BIGINT NOT NULL,
            updated_at BIGINT NOT NULL
        );
        CREATE INDEX ix_refunds_booking ON refunds (booking_id);
        CREATE INDEX ix_refunds_pending ON refunds (created_at) WHERE status = 'pending';
        CREATE TABLE payment_events (
            provider TEXT NOT NULL,
            event_id TEXT NOT NULL,
            payment_ref TEXT NULL,
            received_at BIGINT NOT NULL,
            PRIMARY KEY (provider, event_id)
        );
        """);
}
