using Tidegate.Domain.Common;
using Dapper;
using Tidegate.Domain.Tickets;
using Tidegate.Server.Data;
using Tidegate.Server.Features.Tickets;
using Tidegate.Server.Features.Venue;

namespace Tidegate.Server.Features.Gates;

/// <summary>
/// GET /api/v1/gate/offline-bundle: what a gate needs to decide alone for today: the public keys by
/// key id, the revocation list (cancelled: serial null; moved: only that serial is valid), the
/// tickets already used today, and the entry-window rules with the venue's offset.
/// </summary>
public static class GetOfflineBundle
{
    public sealed record WindowView(int BeforeStartMinutes, int AfterEndMinutes, int SlotMinutes);

    public sealed record RevokedView(string BookingId, long? ValidSerial);

    public sealed record UsedView(string BookingId, long Persons, long Admitted, DateTimeOffset? FirstUsedAt, string? FirstGateId);

    public sealed record Response(DateTimeOffset AsOf, string Date, string TimeZone, int UtcOffsetMinutes, WindowView Window,
        IReadOnlyList<PublicKeyView> Keys, IReadOnlyList<RevokedView> Revoked, IReadOnlyList<UsedView> Used, int RefreshSeconds);

    private sealed class Row
    {
        public string Id { get; set; } = "";
        public string Status { get; set; } = "";
        public long TicketSerial { get; set; }
        public long Persons { get; set; }
        public long AdmittedPersons { get; set; }
        public DateTimeOffset? FirstAdmittedAt { get; set; }
        public string? FirstGateId { get; set; }
    }

    public static async Task<IResult> Handle(Db db, VenueStore venues, TicketKeys keys, GateSettings settings, TimeProvider clock, CancellationToken ct)
    {
        var calendar = await venues.GetAsync(ct);
        var now = calendar.Time.Local(clock.GetUtcNow());
        var today = calendar.Time.Today(now);
        await using var connection = await db.OpenAsync(ct);
        var revoked = await connection.QueryAsync<Row>("""
            SELECT id, status, ticket_serial FROM bookings
            WHERE (status = 'cancelled' AND visit_date = @Today) OR (ticket_serial > 1 AND visit_date >= @Today)
            """, new { Today = today });
        var used = await connection.QueryAsync<Row>("""
            SELECT id, persons, admitted_persons, first_admitted_at, first_gate_id FROM bookings
            WHERE visit_date = @Today AND admitted_persons > 0
            """, new { Today = today });

        return TypedResults.Ok(new Response(now, IsoDate.Text(today), calendar.Time.Zone.Id, (int)now.Offset.TotalMinutes,
            new WindowView(settings.Window.BeforeStartMinutes, settings.Window.AfterEndMinutes, calendar.Settings.SlotMinutes),
            PublicKeys.Of(keys),
            revoked.Select(r => new RevokedView(r.Id, r.Status == "cancelled" ? null : r.TicketSerial)).ToList(),
            used.Select(u => new UsedView(u.Id, u.Persons, u.AdmittedPersons,
                u.FirstAdmittedAt is { } f ? calendar.Time.Local(f) : null, u.FirstGateId)).ToList(),
            60));
    }
}
