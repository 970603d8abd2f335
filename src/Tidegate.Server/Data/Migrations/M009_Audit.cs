namespace Tidegate.Server.Data.Migrations;

/// <summary>
/// The audit log: append-only, each entry carrying the hash of the one before (Domain/Audit). The
/// database itself refuses UPDATE and DELETE on it (a trigger, whatever role the application uses),
/// so no code path and no stray statement can rewrite history. Also: an index to find a person's
/// bookings by the keyed hash of the email (the admin booking search).
/// </summary>
public static class M009_Audit
{
    private const string Table = """
        CREATE TABLE audit_log (
            seq BIGINT PRIMARY KEY,
            at BIGINT NOT NULL,
            actor TEXT NOT NULL,
            role TEXT NOT NULL,
            action TEXT NOT NULL,
            target TEXT NOT NULL,
            detail TEXT NOT NULL,
            prev_hash TEXT NOT NULL,
            hash TEXT NOT NULL
        );
        CREATE INDEX ix_audit_log_at ON audit_log (at);
        CREATE INDEX ix_bookings_person ON bookings (person_key);

        """;

    public static readonly Migration Migration = new(9, "audit", Table + """
        CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
        CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
        """, Table + """
        CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION 'audit_log is append-only';
        END
        $$;
        CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
            FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
        CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
            FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
        """);
}
