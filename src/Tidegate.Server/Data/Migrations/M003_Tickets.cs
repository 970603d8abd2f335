namespace Tidegate.Server.Data.Migrations;

/// <summary>
/// Tickets and gates: admission progress on the booking (claimed by one conditional UPDATE, like
/// capacity), every scan by its device nonce (refusals too), exit counts, offline conflicts, and
/// the durable outbox of ticket emails.
/// </summary>
public static class M003_Tickets
{
    public static readonly Migration Migration = new(3, "tickets", """
        ALTER TABLE bookings ADD COLUMN admitted_persons INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE bookings ADD COLUMN first_admitted_at BIGINT NULL;
        ALTER TABLE bookings ADD COLUMN first_gate_id TEXT NULL;
        CREATE INDEX ix_bookings_admitted ON bookings (visit_date) WHERE admitted_persons > 0;
        CREATE TABLE gate_scans (
            nonce TEXT PRIMARY KEY,
            gate_id TEXT NOT NULL,
            booking_id TEXT NULL,
            visit_date TEXT NOT NULL,
            result TEXT NOT NULL,
            reason TEXT NULL,
            admitted INTEGER NOT NULL,
            scanned_at BIGINT NOT NULL,
            received_at BIGINT NOT NULL,
            offline INTEGER NOT NULL,
            response TEXT NOT NULL
        );
        CREATE INDEX ix_gate_scans_day ON gate_scans (visit_date, scanned_at);
        CREATE INDEX ix_gate_scans_booking ON gate_scans (booking_id);
        CREATE TABLE gate_exits (
            id TEXT PRIMARY KEY,
            gate_id TEXT NOT NULL,
            visit_date TEXT NOT NULL,
            persons INTEGER NOT NULL,
            at BIGINT NOT NULL
        );
        CREATE INDEX ix_gate_exits_day ON gate_exits (visit_date);
        CREATE TABLE gate_conflicts (
            id TEXT PRIMARY KEY,
            booking_id TEXT NOT NULL,
            visit_date TEXT NOT NULL,
            nonce TEXT NOT NULL,
            gate_id TEXT NOT NULL,
            scanned_at BIGINT NOT NULL,
            reason TEXT NOT NULL,
            persons INTEGER NOT NULL,
            first_gate_id TEXT NULL,
            first_used_at BIGINT NULL,
            detected_at BIGINT NOT NULL
        );
        CREATE INDEX ix_gate_conflicts_day ON gate_conflicts (visit_date);
        CREATE TABLE mail_outbox (
            id TEXT PRIMARY KEY,
            kind TEXT NOT NULL,
            booking_id TEXT NOT NULL,
            created_at BIGINT NOT NULL,
            attempts INTEGER NOT NULL DEFAULT 0,
            next_attempt_at BIGINT NOT NULL,
            locked_until BIGINT NULL,
            sent_at BIGINT NULL,
            failed INTEGER NOT NULL DEFAULT 0,
            last_error TEXT NULL
        );
        CREATE INDEX ix_mail_outbox_due ON mail_outbox (next_attempt_at) WHERE sent_at IS NULL AND failed = 0;
        """);
}
