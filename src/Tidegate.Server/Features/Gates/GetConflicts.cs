using Tidegate.Domain.Common;
using Dapper;
using Tidegate.Server.Data;
using Tidegate.Server.Features.Venue;
using Tidegate.Server.Infrastructure;

namespace Tidegate.Server.Features.Gates;

/// <summary>GET /api/v1/gate/conflicts[?date=]: tickets an offline lane admitted that the server could not count (operators, admins).</summary>
public static class GetConflicts
{
    public sealed record ConflictView(string BookingId, string GateId, DateTimeOffset ScannedAt, string Reason, long Persons,
        string? FirstGateId, DateTimeOffset? FirstUsedAt, DateTimeOffset DetectedAt);

    private sealed class Row
    {
        public string BookingId { get; set; } = "";
        public string GateId { get; set; } = "";
        public DateTimeOffset ScannedAt { get; set; }
        public string Reason { get; set; } = "";
        public long Persons { get; set; }
        public string? FirstGateId { get; set; }
        public DateTimeOffset? FirstUsedAt { get; set; }
        public DateTimeOffset DetectedAt { get; set; }
    }

    public static async Task<IResult> Handle(string? date, Db db, VenueStore venues, TimeProvider clock, CancellationToken ct)
    {
        var calendar = await venues.GetAsync(ct);
        if ((date is null ? calendar.Time.Today(clock.GetUtcNow()) : Tidegate.Domain.Venue.CalendarDates.Parse(date)) is not { } day)
            return Problems.Invalid("date", "Query parameter 'date' must be a calendar date as yyyy-MM-dd.");
        await using var connection = await db.OpenAsync(ct);
        var rows = await connection.QueryAsync<Row>("""
            SELECT booking_id, gate_id, scanned_at, reason, persons, first_gate_id, first_used_at, detected_at
            FROM gate_conflicts WHERE visit_date = @Day ORDER BY detected_at
            """, new { Day = day });
        DateTimeOffset Local(DateTimeOffset at) => calendar.Time.Local(at);
        return TypedResults.Ok(new
        {
            date = IsoDate.Text(day),
            items = rows.Select(r => new ConflictView(r.BookingId, r.GateId, Local(r.ScannedAt), r.Reason, r.Persons, r.FirstGateId,
                r.FirstUsedAt is { } f ? Local(f) : null, Local(r.DetectedAt))).ToList(),
        });
    }
}
