namespace Tidegate.Server.Data.Migrations;

/// <summary>A gate conflict's resolution by an operator: admitted after all or ignored, with a note, by whom and when.</summary>
public static class M014_ConflictResolution
{
    public static readonly Migration Migration = new(14, "conflict_resolution", """
        ALTER TABLE gate_conflicts ADD COLUMN resolution TEXT NULL;
        ALTER TABLE gate_conflicts ADD COLUMN resolution_note TEXT NULL;
        ALTER TABLE gate_conflicts ADD COLUMN resolved_by TEXT NULL;
        ALTER TABLE gate_conflicts ADD COLUMN resolved_at BIGINT NULL;
        """);
}
