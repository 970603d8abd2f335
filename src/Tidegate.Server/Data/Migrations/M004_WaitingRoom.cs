namespace Tidegate.Server.Data.Migrations;

/// <summary>
/// The waiting room, shared by every instance: one row per guarded date (the admission counter and
/// its shuffle), the queue entries, the steps admission advanced by, and the admissions used.
/// </summary>
public static class M004_WaitingRoom
{
    public static readonly Migration Migration = new(4, "waiting_room", """
        CREATE TABLE queue_dates (
            visit_date TEXT PRIMARY KEY,
            marked INTEGER NOT NULL DEFAULT 0,
            next_position BIGINT NOT NULL DEFAULT 1,
            admitted_upto BIGINT NOT NULL DEFAULT 0,
            advanced_at BIGINT NOT NULL DEFAULT 0,
            shuffled_at BIGINT NULL,
            shuffle_seed TEXT NULL
        );
        CREATE TABLE queue_entries (
            id TEXT PRIMARY KEY,
            visit_date TEXT NOT NULL,
            joined_at BIGINT NOT NULL,
            position BIGINT NULL
        );
        CREATE INDEX ix_queue_entries_date ON queue_entries (visit_date, position);
        CREATE TABLE queue_steps (
            visit_date TEXT NOT NULL,
            up_to BIGINT NOT NULL,
            at BIGINT NOT NULL,
            PRIMARY KEY (visit_date, up_to)
        );
        CREATE TABLE queue_admissions (
            entry_id TEXT PRIMARY KEY,
            visit_date TEXT NOT NULL,
            position BIGINT NOT NULL,
            booking_id TEXT NOT NULL,
            used_at BIGINT NOT NULL
        );
        CREATE INDEX ix_queue_admissions_date ON queue_admissions (visit_date, position);
        """);
}
