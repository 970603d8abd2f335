namespace Tidegate.Server.Features.Queue;

/// <summary>The waiting room's SQL, portable between SQLite and PostgreSQL.</summary>
public static class QueueSql
{
    public const string EnsureDate = "INSERT INTO queue_dates (visit_date) VALUES (@VisitDate) ON CONFLICT (visit_date) DO NOTHING";

    /// <summary>A no-op update that takes the date's row lock (PostgreSQL; SQLite holds the write lock already) and reads it.</summary>
    public const string LockDate = """
        UPDATE queue_dates SET marked = marked WHERE visit_date = @VisitDate
        RETURNING visit_date, marked, next_position, admitted_upto, advanced_at, shuffled_at
        """;

    public const string AllDates = "SELECT visit_date, marked, next_position, admitted_upto, advanced_at, shuffled_at FROM queue_dates";

    public const string InsertEntry = "INSERT INTO queue_entries (id, visit_date, joined_at, position) VALUES (@Id, @VisitDate, @JoinedAt, @Position)";

    public const string SetNext = "UPDATE queue_dates SET next_position = @Next WHERE visit_date = @VisitDate";

    public const string EarlyEntries = "SELECT id FROM queue_entries WHERE visit_date = @VisitDate AND position IS NULL ORDER BY id";

    public const string SetPosition = "UPDATE queue_entries SET position = @Position WHERE id = @Id";

    public const string MarkShuffled = """
        UPDATE queue_dates SET shuffled_at = @Now, shuffle_seed = @Seed, next_position = @Next
        WHERE visit_date = @VisitDate AND shuffled_at IS NULL
        """;

    /// <summary>Positions the shuffle gave; read once per instance after it, so status checks need no database.</summary>
    public const string ShuffledPositions = "SELECT id, position FROM queue_entries WHERE visit_date = @VisitDate AND joined_at < @OpensAt";

    public const string Advance = "UPDATE queue_dates SET admitted_upto = @UpTo, advanced_at = @Now WHERE visit_date = @VisitDate";

    public const string InsertStep = "INSERT INTO queue_steps (visit_date, up_to, at) VALUES (@VisitDate, @UpTo, @At) ON CONFLICT (visit_date, up_to) DO NOTHING";

    public const string StepsAfter = "SELECT up_to, at FROM queue_steps WHERE visit_date = @VisitDate AND up_to > @After ORDER BY up_to";

    public const string UsedSince = "SELECT COUNT(*) FROM queue_admissions WHERE visit_date = @VisitDate AND position > @After";

    public const string Mark = """
        INSERT INTO queue_dates (visit_date, marked) VALUES (@VisitDate, @Marked)
        ON CONFLICT (visit_date) DO UPDATE SET marked = @Marked
        """;

    /// <summary>Spends an admission with the booking it admits; a second use inserts nothing.</summary>
    public const string UseAdmission = """
        INSERT INTO queue_admissions (entry_id, visit_date, position, booking_id, used_at)
        VALUES (@EntryId, @VisitDate, @Position, @BookingId, @Now)
        ON CONFLICT (entry_id) DO NOTHING
        """;

    public const string UnuseAdmission = "DELETE FROM queue_admissions WHERE entry_id = @EntryId";

    /// <summary>The admission spent on a hold the visitor released (the date's admissions only: the index's prefix).</summary>
    public const string ReturnAdmission = "DELETE FROM queue_admissions WHERE visit_date = @VisitDate AND booking_id = @BookingId";
}

/// <summary>A queue_dates row.</summary>
public sealed class QueueDateRow
{
    public DateOnly VisitDate { get; set; }
    public long Marked { get; set; }
    public long NextPosition { get; set; }
    public long AdmittedUpto { get; set; }
    public DateTimeOffset AdvancedAt { get; set; }
    public DateTimeOffset? ShuffledAt { get; set; }
}

/// <summary>A valid admission presented with a booking, spent in the booking's transaction.</summary>
public sealed record QueueAdmission(string EntryId, long Position);
