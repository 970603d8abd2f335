using System.Security.Claims;
using Dapper;
using Microsoft.AspNetCore.Identity;
using Tidegate.Domain.Common;
using Tidegate.Domain.Staff;
using Tidegate.Server.Data;
using Tidegate.Server.Infrastructure;
using Tidegate.Server.Infrastructure.Auth;

namespace Tidegate.Server.Features.Staff;

/// <summary>
/// POST /api/v1/staff/password {currentPassword, newPassword} → 204: the signed-in person (a setup
/// session too) chooses their own password. The current one must be right (<c>401
/// invalid_credentials</c>); the new one passes <see cref="PasswordPolicy"/> and differs from it
/// (<c>422 weak_password</c>). Clears "must change password" and ends the person's other sessions:
/// whoever else knew the old password is signed out.
/// </summary>
public sealed class ChangePassword(Db db, IPasswordHasher<StaffAccount> hasher, StaffSessions sessions, TimeProvider clock)
{
    public sealed record Request(string? CurrentPassword, string? NewPassword);
    /// <param name="SetupRequired">The setup steps still left to the session that changed it.</param>
    public sealed record Changed(IReadOnlyList<string> SetupRequired);

    public static async Task<IResult> Handle(Body<Request> body, ClaimsPrincipal user, ChangePassword useCase, CancellationToken ct)
    {
        if (StaffOtp.StaffOf(user) is not { } staffId) return StaffOtp.NoSession();
        var result = await useCase.ExecuteAsync(staffId, user.FindFirstValue(AuthSchemes.SessionClaim)!, body.Value, ct);
        return result.IsOk ? TypedResults.NoContent() : Problems.From(result.Error);
    }

    public async Task<Result<Changed>> ExecuteAsync(string staffId, string sessionId, Request request, CancellationToken ct)
    {
        StaffRow? row;
        await using (var connection = await db.OpenAsync(ct))
            row = await connection.QuerySingleOrDefaultAsync<StaffRow>(StaffSql.ById, new { Id = staffId });
        if (row is null || row.DisabledAt is not null) return new Error(ErrorCodes.Forbidden, "This account is disabled.");
        if (request.CurrentPassword is null ||
            hasher.VerifyHashedPassword(StaffAccount.Any, row.PasswordHash, request.CurrentPassword) == PasswordVerificationResult.Failed)
            return new Error(ErrorCodes.InvalidCredentials, "The current password is wrong.");
        if (PasswordPolicy.Check(request.NewPassword) is { } weak) return weak;
        if (request.NewPassword == request.CurrentPassword)
            return new Error(ErrorCodes.WeakPassword, "The new password must differ from the current one.");

        var now = clock.GetUtcNow();
        var newHash = hasher.HashPassword(StaffAccount.Any, request.NewPassword!);
        var ended = await db.WriteAsync(async (c, tx) =>
        {
            if (await c.ExecuteAsync(StaffSql.ChangePassword, new { Id = staffId, NewHash = newHash, OldHash = row.PasswordHash }, tx) == 0)
                return null;
            return (await c.QueryAsync<string>(StaffSql.EndOtherSessions, new { StaffId = staffId, Keep = sessionId, Now = now }, tx)).ToList();
        }, ct);
        if (ended is null) return new Error(ErrorCodes.InvalidCredentials, "The password was changed meanwhile: sign in again.");
        sessions.Forget(ended);
        return new Changed(SetupSteps.Required(row.Role, mustChangePassword: false, row.Enrolled));
    }
}
