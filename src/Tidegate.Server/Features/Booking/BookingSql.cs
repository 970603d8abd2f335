namespace Tidegate.Server.Features.Booking;

/// <summary>The SQL of holds. Portable between SQLite (3.35+) and PostgreSQL: RETURNING, ON CONFLICT, partial indexes.</summary>
public static class BookingSql
{
    /// <summary>The one statement that claims capacity: the WHERE carries the rule.</summary>
    /// <summary>A person's bookings by the keyed hash of their email (the staff's search), newest visit first.</summary>
    public const string ByPersonKey = """
        SELECT * FROM bookings WHERE person_key = @PersonKey ORDER BY visit_date DESC, created_at DESC LIMIT @Limit
        """;

    public const string ById = "SELECT * FROM bookings WHERE id = @Id";

    public const string Claim = """
        UPDATE slots SET online_taken = online_taken + @Persons
        WHERE visit_date = @VisitDate AND start_minute = @StartMinute AND online_taken + @Persons <= online_capacity
        RETURNING online_capacity - online_taken
        """;

    public const string Remaining = """
        SELECT online_capacity - online_taken FROM slots WHERE visit_date = @VisitDate AND start_minute = @StartMinute
        """;

    /// <summary>Freeing needs no lock beyond the row: status compare-and-set first, so a hold is released once.</summary>
    public const string ExpireLapsedOfSlot = """
        UPDATE bookings SET status = 'expired', ended_at = @Now
        WHERE visit_date = @VisitDate AND start_minute = @StartMinute AND status = 'held' AND expires_at <= @Now
        RETURNING visit_date, start_minute, persons
        """;

    /// <summary>
    /// One active booking per person and date (<see cref="Tidegate.Domain.Booking.OneBookingPerPersonAndDate"/>): the person's
    /// other active bookings of a date. The unique index ux_bookings_active_person holds the rule for held and confirmed rows
    /// (the hold insert's ON CONFLICT); this query is the rule where a lapsed hold must not count.
    /// </summary>
    public const string OtherActiveOfPerson = """
        SELECT COUNT(*) FROM bookings WHERE visit_date = @VisitDate AND person_key = @PersonKey AND id <> @Id
          AND (status = 'confirmed' OR (status = 'held' AND expires_at > @Now))
        """;

    public const string ExpireLapsedOfPerson = """
        UPDATE bookings SET status = 'expired', ended_at = @Now
        WHERE visit_date = @VisitDate AND person_key = @PersonKey AND status = 'held' AND expires_at <= @Now
        RETURNING visit_date, start_minute, persons
        """;

    public const string ExpireLapsed = """
        UPDATE bookings SET status = 'expired', ended_at = @Now
        WHERE id IN (SELECT id FROM bookings WHERE status = 'held' AND expires_at <= @Now ORDER BY expires_at LIMIT @Limit)
          AND status = 'held' AND expires_at <= @Now
        RETURNING visit_date, start_minute, persons
        """;

    public const string GiveBack = """
        UPDATE slots SET online_taken = online_taken - @Persons WHERE visit_date = @VisitDate AND start_minute = @StartMinute
        """;

    /// <summary>The earliest moment a live hold of the slot lapses: until then a full slot stays full by itself.</summary>
    public const string NextLapse = """
        SELECT MIN(expires_at) FROM bookings WHERE visit_date = @VisitDate AND start_minute = @StartMinute AND status = 'held'
        """;

    public const string InsertHoldColumns = """
        INSERT INTO bookings (id, visit_date, start_minute, status, channel, adults, children, infants, toddlers, persons,
                              amount, person_key, member_id, email_enc, name_enc, created_at, expires_at, language)
        """;

    public const string InsertHoldValues = """
        @Id, @VisitDate, @StartMinute, 'held', @Channel, @Adults, @Children, @Infants, @Toddlers, @Persons,
        @Amount, @PersonKey, @MemberId, @EmailEnc, @NameEnc, @CreatedAt, @ExpiresAt, @Language
        """;

    public const string InsertHold = InsertHoldColumns + " VALUES (" + InsertHoldValues + ")";


    /// <summary>The hold insert of the batch path: an active booking of the same person (unique index: one active booking per person and date) inserts nothing instead of raising.</summary>
    public const string InsertHoldUnlessActive = InsertHold + "\nON CONFLICT DO NOTHING";

    public static object HoldRow(NewHold hold, long now) => new
    {
        hold.Id,
        VisitDate = hold.Terms.Slot.Date,
        hold.Terms.Slot.StartMinute,
        hold.Channel,
        Adults = hold.Terms.Tickets.Adult,
        Children = hold.Terms.Tickets.Child,
        Infants = hold.Terms.Tickets.Infant,
        Toddlers = hold.Terms.Tickets.Toddler,
        hold.Terms.Persons,
        hold.Terms.Amount,
        hold.PersonKey,
        hold.MemberId,
        hold.EmailEnc,
        hold.NameEnc,
        CreatedAt = now,
        hold.Terms.ExpiresAt,
        hold.Language,
    };
}
