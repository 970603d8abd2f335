using Tidegate.Domain.Common;
using Dapper;
using Tidegate.Server.Data;
using Tidegate.Server.Features.Venue;
using Tidegate.Server.Infrastructure;

namespace Tidegate.Server.Features.Gates;

/// <summary>
/// GET /api/v1/gate/conflicts[?date=]: tickets an offline lane admitted that the server could not
/// count (operators, admins), with their resolution once an operator has decided (<see cref="ResolveConflict"/>).
/// </summary>
public static class GetConflicts
{
    public sealed record ConflictView(string ConflictId, string BookingId, string GateId, DateTimeOffset ScannedAt, string Reason, long Persons,
        string? FirstGateId, DateTimeOffset? FirstUsedAt, DateTimeOffset DetectedAt, string? Resolution, string? ResolutionNote,
        DateTimeOffset? ResolvedAt);

    private sealed class Row
    {
        public string Id { get; set; } = "";
        public string BookingId { get; set; } = "";
        public string GateId { get; set; } = "";
        public DateTimeOffset ScannedAt { get; set; }
        public string Reason { get; set; } = "";
        public long Persons { get; set; }
        public string? FirstGateId { get; set; }
        public DateTimeOffset? FirstUsedAt { get; set; }
        public DateTimeOffset DetectedAt { get; set; }
        public string? Resolution { get; set; }
        public string? ResolutionNote { get; set; }
        public DateTimeOffset? ResolvedAt { get; set; }
    }

    public static async Task<IResult> Handle(string? date, Db db, VenueStore venues, TimeProvider clock, CancellationToken ct)
    {
        var calendar = await venues.GetAsync(ct);
        if ((date is null ? calendar.Time.Today(clock.GetUtcNow()) : Tidegate.Domain.Venue.CalendarDates.Parse(date)) is not { } day)
            return Problems.Invalid("date", "Query parameter 'date' must be a calendar date as yyyy-MM-dd.");
        return TypedResults.Ok(new { date = IsoDate.Text(day), items = await ReadAsync(day, db, venues, ct) });
    }

    /// <summary>The day's conflicts in the order they were found, times in the venue's zone.</summary>
    public static async Task<IReadOnlyList<ConflictView>> ReadAsync(DateOnly day, Db db, VenueStore venues, CancellationToken ct)
    {
        var calendar = await venues.GetAsync(ct);
        await using var connection = await db.OpenAsync(ct);
        var rows = await connection.QueryAsync<Row>("""
            SELECT id, booking_id, gate_id, scanned_at, reason, persons, first_gate_id, first_used_at, detected_at,
                   resolution, resolution_note, resolved_at
            FROM gate_conflicts WHERE visit_date = @Day ORDER BY detected_at, id
            """, new { Day = day });
        DateTimeOffset Local(DateTimeOffset at) => calendar.Time.Local(at);
        return rows.Select(r => new ConflictView(r.Id, r.BookingId, r.GateId, Local(r.ScannedAt), r.Reason, r.Persons, r.FirstGateId,
            r.FirstUsedAt is { } f ? Local(f) : null, Local(r.DetectedAt), r.Resolution, r.ResolutionNote,
            r.ResolvedAt is { } at ? Local(at) : null)).ToList();
    }
}
