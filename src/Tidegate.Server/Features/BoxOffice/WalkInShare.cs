using Dapper;
using Tidegate.Server.Data;

namespace Tidegate.Server.Features.BoxOffice;

/// <summary>The box office's share of each slot of a date: how many places it holds and how many are sold.</summary>
public static class WalkInShare
{
    public sealed record Slot(int StartMinute, int Share, int Sold)
    {
        public int Left => Math.Max(0, Share - Sold);
    }

    public static async Task<IReadOnlyList<Slot>> ReadAsync(DateOnly day, Db db, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var rows = await connection.QueryAsync<(long StartMinute, long Share, long Sold)>("""
            SELECT start_minute, capacity - online_capacity, box_taken FROM slots WHERE visit_date = @Day ORDER BY start_minute
            """, new { Day = day });
        return rows.Select(r => new Slot((int)r.StartMinute, (int)r.Share, (int)r.Sold)).ToList();
    }
}
