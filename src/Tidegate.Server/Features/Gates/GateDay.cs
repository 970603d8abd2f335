using Dapper;
using Tidegate.Server.Data;

namespace Tidegate.Server.Features.Gates;

/// <summary>The day at the gates for the console: persons let in and scans refused, by the slot of the ticket scanned.</summary>
public static class GateDay
{
    public sealed record SlotCounts(int StartMinute, int Entered, int Refused);

    /// <param name="RefusedUnknown">Refused scans of codes that are no ticket of ours (no slot to put them in).</param>
    public sealed record Counts(IReadOnlyList<SlotCounts> BySlot, int RefusedUnknown);

    public static async Task<Counts> ReadAsync(DateOnly day, Db db, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var bySlot = await connection.QueryAsync<(long StartMinute, long Entered, long Refused)>("""
            SELECT b.start_minute, SUM(s.admitted), SUM(CASE WHEN s.result = 'rejected' THEN 1 ELSE 0 END)
            FROM gate_scans s JOIN bookings b ON b.id = s.booking_id
            WHERE s.visit_date = @Day GROUP BY b.start_minute ORDER BY b.start_minute
            """, new { Day = day });
        var unknown = await connection.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM gate_scans WHERE visit_date = @Day AND booking_id IS NULL AND result = 'rejected'", new { Day = day });
        return new Counts(bySlot.Select(r => new SlotCounts((int)r.StartMinute, (int)r.Entered, (int)r.Refused)).ToList(), (int)unknown);
    }
}
