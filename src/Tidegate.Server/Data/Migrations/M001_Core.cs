namespace Tidegate.Server.Data.Migrations;

/// <summary>Venue, calendar, slots with their capacity counters, bookings and idempotency records.</summary>
public static class M001_Core
{
    public static readonly Migration Migration = new(1, "core", """
        CREATE TABLE venue (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            time_zone TEXT NOT NULL,
            opens TEXT NOT NULL,
            closes TEXT NOT NULL,
            slot_minutes INTEGER NOT NULL,
            last_entry_minutes INTEGER NOT NULL,
            slot_capacity INTEGER NOT NULL,
            box_office_percent INTEGER NOT NULL,
            hold_minutes INTEGER NOT NULL,
            max_party_size INTEGER NOT NULL,
            created_at BIGINT NOT NULL
        );
        CREATE TABLE prices (
            ticket_type TEXT NOT NULL,
            day_kind TEXT NOT NULL,
            amount INTEGER NOT NULL,
            PRIMARY KEY (ticket_type, day_kind)
        );
        CREATE TABLE holidays (
            visit_date TEXT PRIMARY KEY,
            name TEXT NOT NULL
        );
        CREATE TABLE day_overrides (
            visit_date TEXT PRIMARY KEY,
            closed INTEGER NOT NULL DEFAULT 0,
            opens TEXT NULL,
            closes TEXT NULL,
            slot_capacity INTEGER NULL
        );
        CREATE TABLE slots (
            visit_date TEXT NOT NULL,
            start_minute INTEGER NOT NULL,
            capacity INTEGER NOT NULL,
            online_capacity INTEGER NOT NULL,
            online_taken INTEGER NOT NULL DEFAULT 0,
            box_taken INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (visit_date, start_minute),
            CHECK (online_taken >= 0 AND online_taken <= online_capacity),
            CHECK (box_taken >= 0)
        );
        CREATE TABLE bookings (
            id TEXT PRIMARY KEY,
            visit_date TEXT NOT NULL,
            start_minute INTEGER NOT NULL,
            status TEXT NOT NULL,
            channel TEXT NOT NULL,
            adults INTEGER NOT NULL,
            children INTEGER NOT NULL,
            infants INTEGER NOT NULL,
            toddlers INTEGER NOT NULL,
            persons INTEGER NOT NULL,
            amount INTEGER NOT NULL,
            person_key TEXT NOT NULL,
            member_id TEXT NULL,
            email_enc TEXT NULL,
            name_enc TEXT NULL,
            created_at BIGINT NOT NULL,
            expires_at BIGINT NULL,
            confirmed_at BIGINT NULL,
            ended_at BIGINT NULL,
            ticket_serial INTEGER NOT NULL DEFAULT 1
        );
        CREATE UNIQUE INDEX ux_bookings_active_person ON bookings (visit_date, person_key)
            WHERE status IN ('held', 'confirmed');
        CREATE INDEX ix_bookings_slot ON bookings (visit_date, start_minute, status);
        CREATE INDEX ix_bookings_held_expiry ON bookings (expires_at) WHERE status = 'held';
        CREATE INDEX ix_bookings_member ON bookings (member_id) WHERE member_id IS NOT NULL;
        CREATE TABLE idempotency_keys (
            scope TEXT NOT NULL,
            idem_key TEXT NOT NULL,
            request_hash TEXT NOT NULL,
            status_code INTEGER NOT NULL,
            response_body TEXT NOT NULL,
            created_at BIGINT NOT NULL,
            PRIMARY KEY (scope, idem_key)
        );
        """);
}
