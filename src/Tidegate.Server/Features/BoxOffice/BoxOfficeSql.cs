namespace Tidegate.Server.Features.BoxOffice;

/// <summary>The SQL of walk-in sales; portable between SQLite and PostgreSQL.</summary>
public static class BoxOfficeSql
{
    /// <summary>The walk-in share is claimed like the online share: one conditional UPDATE whose WHERE carries the rule.</summary>
    public const string Claim = """
        UPDATE slots SET box_taken = box_taken + @Persons
        WHERE visit_date = @VisitDate AND start_minute = @StartMinute AND box_taken + @Persons <= capacity - online_capacity
        RETURNING capacity - online_capacity - box_taken
        """;

    public const string Remaining = """
        SELECT capacity - online_capacity - box_taken FROM slots WHERE visit_date = @VisitDate AND start_minute = @StartMinute
        """;

    public const string InsertConfirmed = """
        INSERT INTO bookings (id, visit_date, start_minute, status, channel, adults, children, infants, toddlers, persons,
                              amount, person_key, member_id, email_enc, name_enc, created_at, expires_at, confirmed_at)
        VALUES (@Id, @VisitDate, @StartMinute, 'confirmed', 'box_office', @Adults, @Children, @Infants, @Toddlers, @Persons,
                @Amount, @PersonKey, NULL, NULL, NULL, @Now, NULL, @Now)
        RETURNING *
        """;

    /// <summary>Today's walk-in sales that still stand (a cancelled one no longer counts).</summary>
    public const string Tally = """
        SELECT COUNT(*) AS sales, COALESCE(SUM(adults), 0) AS adults, COALESCE(SUM(children), 0) AS children,
               COALESCE(SUM(infants), 0) AS infants, COALESCE(SUM(toddlers), 0) AS toddlers, COALESCE(SUM(amount), 0) AS amount
        FROM bookings WHERE visit_date = @VisitDate AND channel = 'box_office' AND status = 'confirmed'
        """;
}
