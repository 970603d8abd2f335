using Dapper;
using Tidegate.Server.Data;
using Tidegate.Server.Features.Audit;
using Tidegate.Server.Infrastructure.Privacy;

namespace Tidegate.Server.Features.Staff;

/// <summary>
/// GET /api/v1/admin/staff (admin) → {items}: every account with its role, whether a second factor is
/// enrolled, the last sign-in (the newest session opened), whether it is locked out or disabled.
/// Also the console's staff page, and the names the audit log shows for staff ids.
/// </summary>
public sealed class ListStaff(Db db, PersonalData personal, IVenueZone zone, TimeProvider clock) : IActorNames
{
    public sealed record StaffView(string StaffId, string Email, string Name, string Role, bool SecondFactor, DateTimeOffset? LastSignInAt,
        bool Locked, DateTimeOffset? LockedUntil, bool Disabled, DateTimeOffset CreatedAt);

    public static async Task<IResult> Handle(ListStaff useCase, CancellationToken ct) =>
        TypedResults.Ok(new { items = await useCase.ExecuteAsync(ct) });

    /// <summary>Every account, by name.</summary>
    public async Task<IReadOnlyList<StaffView>> ExecuteAsync(CancellationToken ct) =>
        (await ReadAsync(StaffSql.List, null, ct)).OrderBy(s => s.Name, StringComparer.InvariantCultureIgnoreCase).ThenBy(s => s.StaffId).ToList();

    /// <summary>One account, or null when no account has this id.</summary>
    public async Task<StaffView?> FindAsync(string staffId, CancellationToken ct) =>
        (await ReadAsync(StaffSql.ListOne, new { Id = staffId }, ct)).SingleOrDefault();

    public async Task<IReadOnlyDictionary<string, string>> NamesAsync(CancellationToken ct) =>
        (await ExecuteAsync(ct)).ToDictionary(s => s.StaffId, s => s.Name);

    private async Task<IEnumerable<StaffView>> ReadAsync(string sql, object? args, CancellationToken ct)
    {
        var time = await zone.GetAsync(ct);
        var now = clock.GetUtcNow();
        List<Row> rows;
        await using (var connection = await db.OpenAsync(ct))
            rows = (await connection.QueryAsync<Row>(sql, args)).ToList();
        return rows.Select(r =>
        {
            var locked = r.LockedUntil is { } until && until > now;
            return new StaffView(r.Id, personal.Decrypt(r.Email), personal.Decrypt(r.Name), r.Role, r.TotpEnrolled != 0,
                r.LastSignInAt is { } at ? time.Local(at) : null, locked, locked ? time.Local(r.LockedUntil!.Value) : null,
                r.DisabledAt is not null, time.Local(r.CreatedAt));
        });
    }

    private sealed class Row
    {
        public string Id { get; set; } = "";
        public string Email { get; set; } = "";
        public string Name { get; set; } = "";
        public string Role { get; set; } = "";
        public long TotpEnrolled { get; set; }
        public DateTimeOffset? LockedUntil { get; set; }
        public DateTimeOffset? DisabledAt { get; set; }
        public DateTimeOffset CreatedAt { get; set; }
        public DateTimeOffset? LastSignInAt { get; set; }
    }
}
