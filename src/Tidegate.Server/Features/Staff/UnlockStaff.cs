using System.Security.Claims;
using Dapper;
using Tidegate.Domain.Common;
using Tidegate.Server.Features.Audit;
using Tidegate.Server.Infrastructure;

namespace Tidegate.Server.Features.Staff;

/// <summary>
/// POST /api/v1/admin/staff/{staffId}/unlock (admin) → 200 with the account: ends a lockout after
/// repeated failed sign-ins (<see cref="Tidegate.Domain.Staff.SignInThrottle"/>) and clears the count.
/// </summary>
public sealed class UnlockStaff(StaffChanges changes)
{
    public static async Task<IResult> Handle(string staffId, ClaimsPrincipal user, UnlockStaff useCase, CancellationToken ct)
    {
        var result = await useCase.ExecuteAsync(staffId, AuditActor.Of(user), ct);
        return result.IsOk ? TypedResults.Ok(result.Value) : Problems.From(result.Error);
    }

    public Task<Result<ListStaff.StaffView>> ExecuteAsync(string staffId, AuditActor by, CancellationToken ct) =>
        changes.ApplyAsync(staffId, async (connection, tx, account) =>
        {
            await connection.ExecuteAsync(StaffSql.ResetFailures, new { account.Id }, tx);
            return new StaffChanges.Outcome([by.Did("staff.unlocked", account.Id)], EndSessions: false);
        }, ct);
}
