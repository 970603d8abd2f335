using System.Security.Claims;
using Dapper;
using Tidegate.Domain.Common;
using Tidegate.Server.Features.Audit;
using Tidegate.Server.Infrastructure;

namespace Tidegate.Server.Features.Staff;

/// <summary>
/// POST /api/v1/admin/staff/{staffId}/second-factor/reset (admin) → 200 with the account: forgets its
/// authenticator secret and recovery codes (a lost phone) and ends all its sessions; the person signs
/// in with the password alone and enrols again.
/// </summary>
public sealed class ResetSecondFactor(StaffChanges changes)
{
    public static async Task<IResult> Handle(string staffId, ClaimsPrincipal user, ResetSecondFactor useCase, CancellationToken ct)
    {
        var result = await useCase.ExecuteAsync(staffId, AuditActor.Of(user), ct);
        return result.IsOk ? TypedResults.Ok(result.Value) : Problems.From(result.Error);
    }

    public Task<Result<ListStaff.StaffView>> ExecuteAsync(string staffId, AuditActor by, CancellationToken ct) =>
        changes.ApplyAsync(staffId, async (connection, tx, account) =>
        {
            await connection.ExecuteAsync(StaffSql.ResetSecondFactor, new { account.Id }, tx);
            await connection.ExecuteAsync(StaffSql.DeleteRecoveryCodes, new { account.Id }, tx);
            return new StaffChanges.Outcome([by.Did("staff.second_factor_reset", account.Id)], EndSessions: true);
        }, ct);
}
