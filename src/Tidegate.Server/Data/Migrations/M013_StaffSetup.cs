namespace Tidegate.Server.Data.Migrations;

/// <summary>
/// Forced password change: an account made with a one-time password (by `staff create` or an admin)
/// carries must_change_password until its person chooses their own; until then, and until an admin or
/// operator has enrolled a second factor, sign-in opens only a setup session.
/// </summary>
public static class M013_StaffSetup
{
    public static readonly Migration Migration = new(13, "staff setup", """
        ALTER TABLE staff ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0;
        """);
}
