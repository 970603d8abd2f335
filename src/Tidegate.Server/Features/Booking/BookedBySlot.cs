using Dapper;
using Tidegate.Server.Data;

namespace Tidegate.Server.Features.Booking;

/// <summary>Persons with a confirmed booking in each slot of a date (web and box office), keyed by the slot's start minute.</summary>
public static class BookedBySlot
{
    public static async Task<IReadOnlyDictionary<int, int>> ReadAsync(DateOnly day, Db db, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        return await ReadAsync(day, connection);
    }

    public static async Task<IReadOnlyDictionary<int, int>> ReadAsync(DateOnly day, System.Data.Common.DbConnection connection)
    {
        var rows = await connection.QueryAsync<(long StartMinute, long Persons)>(
            "SELECT start_minute, SUM(persons) FROM bookings WHERE visit_date = @Day AND status = 'confirmed' GROUP BY start_minute",
            new { Day = day });
        return rows.ToDictionary(r => (int)r.StartMinute, r => (int)r.Persons);
    }
}
