using Tidegate.Server.Data;

namespace Tidegate.Server.Features.Venue;

/// <summary>
/// The calendar admin's SQL over Venue's own tables (venue, day_overrides, slots); bookings are
/// only counted. Slot rows are the truth for capacity once they exist, so every change writes them
/// in the same transaction as the override, with the rule in the UPDATE's WHERE (docs/concurrency.md).
/// </summary>
internal static class CalendarSql
{
    /// <summary>
    /// "column is one of the list": Dapper expands a list into (@p1, @p2, …) on SQLite but sends it as
    /// one array to PostgreSQL, where only ANY/ALL take an array. Both stand here, tested on both engines.
    /// </summary>
    public static string In(DbEngine engine, string column, string list) =>
        engine == DbEngine.Postgres ? $"{column} = ANY(@{list})" : $"{column} IN @{list}";

    public static string NotIn(DbEngine engine, string column, string list) =>
        engine == DbEngine.Postgres ? $"{column} <> ALL(@{list})" : $"{column} NOT IN @{list}";

    public const string Venue = "SELECT * FROM venue";

    public const string Override = "SELECT visit_date, closed, opens, closes, slot_capacity FROM day_overrides WHERE visit_date = @Date";

    public const string UpsertHours = """
        INSERT INTO day_overrides (visit_date, closed, opens, closes) VALUES (@Date, @Closed, @Opens, @Closes)
        ON CONFLICT (visit_date) DO UPDATE SET closed = excluded.closed, opens = excluded.opens, closes = excluded.closes
        """;

    public const string UpsertCapacity = """
        INSERT INTO day_overrides (visit_date, closed, slot_capacity) VALUES (@Date, 0, @Capacity)
        ON CONFLICT (visit_date) DO UPDATE SET slot_capacity = excluded.slot_capacity
        """;

    public const string InsertSlot = """
        INSERT INTO slots (visit_date, start_minute, capacity, online_capacity, online_taken, box_taken)
        VALUES (@Date, @StartMinute, @Capacity, @Online, 0, 0)
        ON CONFLICT (visit_date, start_minute) DO NOTHING
        """;

    /// <summary>
    /// Slots leaving the grid keep only what they hold: no claim can land in them afterwards, even
    /// from an instance whose calendar is a second old. Taking the rows' locks first (PostgreSQL)
    /// means the count of bookings after it sees every claim that got in before.
    /// </summary>
    public static string FreezeOffGrid(DbEngine engine) => $"""
        UPDATE slots SET online_capacity = online_taken, capacity = online_taken + box_taken
        WHERE visit_date = @Date AND {NotIn(engine, "start_minute", "Grid")}
        """;

    public static string ActiveOffGrid(DbEngine engine) => $"""
        SELECT COUNT(*) AS bookings, COALESCE(SUM(persons), 0) AS persons FROM bookings
        WHERE visit_date = @Date AND (status = 'confirmed' OR (status = 'held' AND expires_at > @Now))
          AND {NotIn(engine, "start_minute", "Grid")}
        """;

    /// <summary>
    /// Sets a slot's capacity unless it is below what the slot holds (online and box office, held
    /// or sold). The online share follows the box-office percentage where it can, and never drops
    /// below what was sold online nor leaves the box office less than it sold.
    /// </summary>
    public static string SetCapacity(DbEngine engine) => $"""
        UPDATE slots SET capacity = @Capacity,
            online_capacity = CASE WHEN @Online < online_taken THEN online_taken
                                   WHEN @Online > @Capacity - box_taken THEN @Capacity - box_taken
                                   ELSE @Online END
        WHERE visit_date = @Date AND {In(engine, "start_minute", "Starts")} AND online_taken + box_taken <= @Capacity
        """;

    public static string MostSold(DbEngine engine) => $"""
        SELECT COALESCE(MAX(online_taken + box_taken), 0) FROM slots WHERE visit_date = @Date AND {In(engine, "start_minute", "Starts")}
        """;

    public const string Prices = "SELECT ticket_type, day_kind, amount FROM prices";

    public const string UpsertPrice = """
        INSERT INTO prices (ticket_type, day_kind, amount) VALUES (@TicketType, @DayKind, @Amount)
        ON CONFLICT (ticket_type, day_kind) DO UPDATE SET amount = excluded.amount
        """;

    public const string Holiday = "SELECT name FROM holidays WHERE visit_date = @Date";

    public const string HolidaysBetween = "SELECT visit_date, name FROM holidays WHERE visit_date BETWEEN @From AND @To";

    public const string UpsertHoliday = """
        INSERT INTO holidays (visit_date, name) VALUES (@Date, @Name)
        ON CONFLICT (visit_date) DO UPDATE SET name = excluded.name
        """;

    public const string DeleteHoliday = "DELETE FROM holidays WHERE visit_date = @Date";

    /// <summary>Persons confirmed and in live holds, and the active bookings, per date of a range.</summary>
    public const string BookedByDate = """
        SELECT visit_date,
               COALESCE(SUM(CASE WHEN status = 'confirmed' THEN persons ELSE 0 END), 0) AS sold,
               COALESCE(SUM(CASE WHEN status = 'held' THEN persons ELSE 0 END), 0) AS held,
               COUNT(*) AS bookings
        FROM bookings
        WHERE visit_date BETWEEN @From AND @To AND (status = 'confirmed' OR (status = 'held' AND expires_at > @Now))
        GROUP BY visit_date
        """;

    /// <summary>As <see cref="BookedByDate"/>, per slot of one date.</summary>
    public const string BookedBySlot = """
        SELECT start_minute,
               COALESCE(SUM(CASE WHEN status = 'confirmed' THEN persons ELSE 0 END), 0) AS sold,
               COALESCE(SUM(CASE WHEN status = 'held' THEN persons ELSE 0 END), 0) AS held,
               COUNT(*) AS bookings
        FROM bookings
        WHERE visit_date = @Date AND (status = 'confirmed' OR (status = 'held' AND expires_at > @Now))
        GROUP BY start_minute
        """;

    public const string SlotRows = "SELECT start_minute, capacity, online_capacity, online_taken, box_taken FROM slots WHERE visit_date = @Date";
}
