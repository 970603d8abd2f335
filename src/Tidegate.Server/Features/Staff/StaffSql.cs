namespace Tidegate.Server.Features.Staff;

/// <summary>The staff tables' SQL (M007), portable to both engines.</summary>
internal static class StaffSql
{
    public const string Insert = """
        INSERT INTO staff (id, email_key, email, name, role, password_hash, must_change_password, created_at)
        VALUES (@Id, @EmailKey, @Email, @Name, @Role, @PasswordHash, @MustChangePassword, @CreatedAt)
        ON CONFLICT (email_key) DO NOTHING
        """;

    private const string Columns = """
        id, role, password_hash AS PasswordHash, totp_secret AS TotpSecret, totp_pending_secret AS TotpPendingSecret,
        totp_enrolled AS TotpEnrolled, totp_last_step AS TotpLastStep, failed_attempts AS FailedAttempts,
        locked_until AS LockedUntil, disabled_at AS DisabledAt, must_change_password AS MustChangePassword
        """;

    public const string ByEmailKey = $"SELECT {Columns} FROM staff WHERE email_key = @EmailKey";
    public const string ById = $"SELECT {Columns} FROM staff WHERE id = @Id";

    /// <summary>Compare-and-set on the count read, so two failures at once are both counted.</summary>
    public const string RecordFailure = """
        UPDATE staff SET failed_attempts = @FailedAttempts, locked_until = @LockedUntil
        WHERE id = @Id AND failed_attempts = @Before
        """;

    public const string ResetFailures = "UPDATE staff SET failed_attempts = 0, locked_until = NULL WHERE id = @Id";

    /// <summary>A time step is accepted once: only a later step than the last one moves the mark.</summary>
    public const string ClaimStep = """
        UPDATE staff SET totp_last_step = @Step
        WHERE id = @Id AND totp_enrolled = 1 AND (totp_last_step IS NULL OR totp_last_step < @Step)
        """;

    public const string UseRecoveryCode = """
        UPDATE staff_recovery_codes SET used_at = @Now
        WHERE staff_id = @Id AND code_hash = @CodeHash AND used_at IS NULL
        """;

    public const string SetPendingSecret = "UPDATE staff SET totp_pending_secret = @Secret WHERE id = @Id";

    public const string ConfirmSecret = """
        UPDATE staff SET totp_secret = totp_pending_secret, totp_pending_secret = NULL, totp_enrolled = 1, totp_last_step = @Step
        WHERE id = @Id AND totp_pending_secret = @Secret
        """;

    /// <summary>Compare-and-set on the hash read, so two changes at once do not both pass the current-password check.</summary>
    public const string ChangePassword = """
        UPDATE staff SET password_hash = @NewHash, must_change_password = 0
        WHERE id = @Id AND password_hash = @OldHash
        """;

    /// <summary>The demo's admin and operator, enrolled with the published demo key (Development only).</summary>
    public const string EnrolDemo = "UPDATE staff SET totp_secret = @Secret, totp_enrolled = 1 WHERE id = @Id AND totp_enrolled = 0";

    public const string DeleteRecoveryCodes = "DELETE FROM staff_recovery_codes WHERE staff_id = @Id";
    public const string InsertRecoveryCode = "INSERT INTO staff_recovery_codes (staff_id, code_hash) VALUES (@Id, @CodeHash)";

    public const string InsertSession = """
        INSERT INTO staff_sessions (id, staff_id, created_at, last_seen_at, expires_at)
        VALUES (@Id, @StaffId, @CreatedAt, @CreatedAt, @ExpiresAt)
        """;

    public const string SessionState = """
        SELECT s.expires_at AS ExpiresAt, s.ended_at AS EndedAt, st.disabled_at AS DisabledAt
        FROM staff_sessions s JOIN staff st ON st.id = s.staff_id WHERE s.id = @Id
        """;

    public const string EndSession = "UPDATE staff_sessions SET ended_at = @Now WHERE id = @Id AND ended_at IS NULL";
    public const string EndAllSessions = "UPDATE staff_sessions SET ended_at = @Now WHERE staff_id = @StaffId AND ended_at IS NULL RETURNING id";
    public const string EndOtherSessions = """
        UPDATE staff_sessions SET ended_at = @Now WHERE staff_id = @StaffId AND ended_at IS NULL AND id <> @Keep RETURNING id
        """;
    public const string SeeSession = "UPDATE staff_sessions SET last_seen_at = @Now WHERE id = @Id AND last_seen_at < @Now";

    /// <summary>Every account for the console and GET /api/v1/admin/staff; the last sign-in is the newest session opened.</summary>
    public const string List = """
        SELECT s.id, s.email, s.name, s.role, s.totp_enrolled AS TotpEnrolled, s.locked_until AS LockedUntil,
            s.disabled_at AS DisabledAt, s.created_at AS CreatedAt,
            (SELECT MAX(x.created_at) FROM staff_sessions x WHERE x.staff_id = s.id) AS LastSignInAt
        FROM staff s
        """;

    public const string ListOne = List + " WHERE s.id = @Id";

    /// <summary>
    /// PostgreSQL: changes to accounts are serialised by a transaction-scoped advisory lock, so two
    /// admins demoting each other at once cannot both see the other still admin (write skew) and
    /// leave none. SQLite needs none: a write transaction holds the database's one write lock.
    /// </summary>
    public const string PostgresChangeLock = "SELECT pg_advisory_xact_lock(@Id)";

    public const long ChangeLockId = 0x7469646573746166; // "tidestaf"

    public const string OtherActiveAdmins = "SELECT COUNT(*) FROM staff WHERE role = 'admin' AND disabled_at IS NULL AND id <> @Id";

    public const string SetRole = "UPDATE staff SET role = @Role WHERE id = @Id";
    public const string SetDisabled = "UPDATE staff SET disabled_at = @DisabledAt WHERE id = @Id";

    public const string ResetSecondFactor = """
        UPDATE staff SET totp_secret = NULL, totp_pending_secret = NULL, totp_enrolled = 0, totp_last_step = NULL WHERE id = @Id
        """;
}

/// <summary>A staff account as sign-in and enrolment need it (no personal data). Settable, so Dapper converts each engine's integer types.</summary>
internal sealed class StaffRow
{
    public string Id { get; init; } = "";
    public string Role { get; init; } = "";
    public string PasswordHash { get; init; } = "";
    public string? TotpSecret { get; init; }
    public string? TotpPendingSecret { get; init; }
    public long TotpEnrolled { get; init; }
    public long? TotpLastStep { get; init; }
    public long FailedAttempts { get; init; }
    public DateTimeOffset? LockedUntil { get; init; }
    public DateTimeOffset? DisabledAt { get; init; }
    public long MustChangePassword { get; init; }
    public bool Enrolled => TotpEnrolled != 0;
    public bool Disabled => DisabledAt is not null;
    public IReadOnlyList<string> SetupRequired => Domain.Staff.SetupSteps.Required(Role, MustChangePassword != 0, Enrolled);
}
