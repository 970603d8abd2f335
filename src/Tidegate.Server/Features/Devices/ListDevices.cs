using Dapper;
using Tidegate.Server.Data;
using Tidegate.Server.Features.Venue;

namespace Tidegate.Server.Features.Devices;

/// <summary>GET /api/v1/admin/gate-devices (admin, operator): every registered device, when it was last seen, and whether it is revoked.</summary>
public static class ListDevices
{
    public sealed record DeviceView(string DeviceId, string Name, string? Lane, string Kind, string CreatedBy, DateTimeOffset CreatedAt,
        DateTimeOffset? LastSeenAt, bool Revoked, DateTimeOffset? RevokedAt);

    private sealed class Row
    {
        public string Id { get; set; } = "";
        public string Name { get; set; } = "";
        public string? Lane { get; set; }
        public string Kind { get; set; } = "";
        public string CreatedBy { get; set; } = "";
        public DateTimeOffset CreatedAt { get; set; }
        public DateTimeOffset? LastSeenAt { get; set; }
        public DateTimeOffset? RevokedAt { get; set; }
    }

    public static async Task<IResult> Handle(Db db, VenueStore venues, CancellationToken ct) =>
        TypedResults.Ok(new { items = await ReadAsync(db, venues, ct) });

    /// <summary>Every device, times in the venue's zone; shared by the API and the console.</summary>
    public static async Task<IReadOnlyList<DeviceView>> ReadAsync(Db db, VenueStore venues, CancellationToken ct)
    {
        var time = (await venues.GetAsync(ct)).Time;
        await using var connection = await db.OpenAsync(ct);
        var rows = await connection.QueryAsync<Row>(DeviceSql.List);
        DateTimeOffset? Local(DateTimeOffset? at) => at is { } a ? time.Local(a) : null;
        return rows.Select(r => new DeviceView(r.Id, r.Name, r.Lane, r.Kind, r.CreatedBy, time.Local(r.CreatedAt),
            Local(r.LastSeenAt), r.RevokedAt is not null, Local(r.RevokedAt))).ToList();
    }
}
