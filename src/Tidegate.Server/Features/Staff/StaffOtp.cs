using System.Security.Claims;
using Dapper;
using Tidegate.Domain.Common;
using Tidegate.Domain.Staff;
using Tidegate.Server.Data;
using Tidegate.Server.Infrastructure;
using Tidegate.Server.Infrastructure.Auth;
using Tidegate.Server.Infrastructure.Privacy;

namespace Tidegate.Server.Features.Staff;

/// <summary>
/// Second-factor enrolment of the signed-in person: POST /api/v1/staff/otp/enrol gives a new secret
/// (as text, otpauth URI and QR) kept pending; POST /api/v1/staff/otp/confirm {otp} with a code of it
/// makes it the account's factor and answers the ten recovery codes, shown only then. Until
/// confirmed, an existing factor stays as it was.
/// </summary>
public sealed class StaffOtp(Db db, PersonalData personal, Tokens tokens, TimeProvider clock)
{
    public sealed record ConfirmRequest(string? Otp);
    public sealed record Enrolment(string Secret, string OtpauthUri, string QrSvg);
    public sealed record Confirmed(IReadOnlyList<string> RecoveryCodes);

    public static async Task<IResult> Enrol(ClaimsPrincipal user, StaffOtp useCase, CancellationToken ct) =>
        StaffOf(user) is { } staffId && await useCase.EnrolAsync(staffId, ct) is { } enrolment ? TypedResults.Ok(enrolment) : NoSession();

    public static async Task<IResult> Confirm(Body<ConfirmRequest> body, ClaimsPrincipal user, StaffOtp useCase, CancellationToken ct)
    {
        if (StaffOf(user) is not { } staffId) return NoSession();
        var result = await useCase.ConfirmAsync(staffId, body.Value.Otp, ct);
        return result.IsOk ? TypedResults.Ok(result.Value) : Problems.From(result.Error);
    }

    /// <summary>A new pending secret (replacing any earlier pending one); null when the account is gone.</summary>
    public async Task<Enrolment?> EnrolAsync(string staffId, CancellationToken ct)
    {
        var secret = OtpCodes.NewSecret();
        var changed = await db.WriteAsync((c, tx) => c.ExecuteAsync(StaffSql.SetPendingSecret, new { Id = staffId, Secret = personal.Encrypt(secret) }, tx), ct);
        if (changed == 0) return null;
        return await EnrolmentOfAsync(staffId, secret, ct);
    }

    /// <summary>The pending enrolment again (the console shows it again after a wrong code); null when none is pending.</summary>
    public async Task<Enrolment?> PendingAsync(string staffId, CancellationToken ct)
    {
        StaffRow? row;
        await using (var connection = await db.OpenAsync(ct))
            row = await connection.QuerySingleOrDefaultAsync<StaffRow>(StaffSql.ById, new { Id = staffId });
        return row?.TotpPendingSecret is { } pending ? await EnrolmentOfAsync(staffId, personal.Decrypt(pending), ct) : null;
    }

    private async Task<Enrolment> EnrolmentOfAsync(string staffId, string secret, CancellationToken ct)
    {
        var uri = OtpCodes.Uri(secret, await AccountNameAsync(staffId, ct));
        return new Enrolment(secret, uri, OtpCodes.QrSvg(uri));
    }

    public async Task<Result<Confirmed>> ConfirmAsync(string staffId, string? otp, CancellationToken ct)
    {
        StaffRow? row;
        await using (var connection = await db.OpenAsync(ct))
            row = await connection.QuerySingleOrDefaultAsync<StaffRow>(StaffSql.ById, new { Id = staffId });
        if (row?.TotpPendingSecret is not { } pending)
            return new Error(ErrorCodes.InvalidRequest, "Start with POST /api/v1/staff/otp/enrol.").With("field", "otp");
        var decision = TotpWindow.Verify(otp, OtpCodes.CodeOfStep(personal.Decrypt(pending)), clock.GetUtcNow(), null);
        if (decision.Outcome != TotpWindow.Outcome.Accepted)
            return new Error(ErrorCodes.OtpRequired, "That code does not match the new secret: try the one the app shows now.");

        var codes = RecoveryCodes.New();
        var confirmed = await db.WriteAsync(async (c, tx) =>
        {
            if (await c.ExecuteAsync(StaffSql.ConfirmSecret, new { Id = staffId, decision.Step, Secret = pending }, tx) == 0) return false;
            await c.ExecuteAsync(StaffSql.DeleteRecoveryCodes, new { Id = staffId }, tx);
            await c.ExecuteAsync(StaffSql.InsertRecoveryCode, codes.Select(code => new { Id = staffId, CodeHash = RecoveryCodes.Hash(tokens, staffId, code) }), tx);
            return true;
        }, ct);
        if (!confirmed) return new Error(ErrorCodes.InvalidRequest, "The enrolment changed meanwhile: enrol again.").With("field", "otp");
        return new Confirmed(codes);
    }

    private async Task<string> AccountNameAsync(string staffId, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var email = await connection.QuerySingleAsync<string>("SELECT email FROM staff WHERE id = @Id", new { Id = staffId });
        return personal.Decrypt(email);
    }

    /// <summary>The signed-in person's staff id; null for a token without a staff session (a dev token).</summary>
    public static string? StaffOf(ClaimsPrincipal user) =>
        user.FindFirstValue(AuthSchemes.SessionClaim) is not null ? user.FindFirstValue(ClaimTypes.NameIdentifier) : null;

    public static IResult NoSession() =>
        Problems.From(new Error(ErrorCodes.Forbidden, "This needs a staff session: sign in with POST /api/v1/staff/session."));
}
