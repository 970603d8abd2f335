using System.Security.Claims;
using Dapper;
using Tidegate.Domain.Common;
using Tidegate.Domain.Staff;
using Tidegate.Server.Features.Audit;
using Tidegate.Server.Infrastructure;

namespace Tidegate.Server.Features.Staff;

/// <summary>
/// PATCH /api/v1/admin/staff/{staffId} {role?, disabled?} (admin) → 200 with the account. A new role
/// or disabling ends the person's open sessions (a session carries the role it was opened with);
/// taking away the last active admin is refused with <c>409 last_admin</c> (<see cref="LastAdmin"/>).
/// Each change is one audit entry in the same transaction; a change to what already is writes none.
/// </summary>
public sealed class ChangeStaff(StaffChanges changes, TimeProvider clock)
{
    public sealed record Request(string? Role, bool? Disabled);

    public static async Task<IResult> Handle(string staffId, Body<Request> body, ClaimsPrincipal user, ChangeStaff useCase, CancellationToken ct)
    {
        var result = await useCase.ExecuteAsync(staffId, body.Value, AuditActor.Of(user), ct);
        return result.IsOk ? TypedResults.Ok(result.Value) : Problems.From(result.Error);
    }

    public async Task<Result<ListStaff.StaffView>> ExecuteAsync(string staffId, Request request, AuditActor by, CancellationToken ct)
    {
        if (request.Role is null && request.Disabled is null)
            return new Error(ErrorCodes.InvalidRequest, "Give 'role', 'disabled' or both.").With("field", "role");
        if (request.Role is not null && !StaffRole.IsValid(request.Role))
            return new Error(ErrorCodes.InvalidRequest, $"'role' must be one of: {string.Join(", ", StaffRole.All)}.").With("field", "role");

        return await changes.ApplyAsync(staffId, async (connection, tx, account) =>
        {
            var role = request.Role ?? account.Role;
            var disabled = request.Disabled ?? account.Disabled;
            var others = await connection.ExecuteScalarAsync<long>(StaffSql.OtherActiveAdmins, new { account.Id }, tx);
            if (LastAdmin.Check(account.Role, account.Disabled, role, disabled, others) is { } refused) return refused;

            var events = new List<AuditEvent>();
            if (role != account.Role)
            {
                await connection.ExecuteAsync(StaffSql.SetRole, new { account.Id, Role = role }, tx);
                events.Add(by.Did("staff.role_changed", account.Id, $"{account.Role} -> {role}"));
            }
            if (disabled != account.Disabled)
            {
                await connection.ExecuteAsync(StaffSql.SetDisabled, new { account.Id, DisabledAt = disabled ? clock.GetUtcNow() : (DateTimeOffset?)null }, tx);
                events.Add(by.Did(disabled ? "staff.disabled" : "staff.enabled", account.Id));
            }
            return new StaffChanges.Outcome(events, EndSessions: role != account.Role || (disabled && !account.Disabled));
        }, ct);
    }
}
