using Dapper;
using Microsoft.AspNetCore.Identity;
using Tidegate.Domain.Common;
using Tidegate.Domain.Staff;
using Tidegate.Server.Data;
using Tidegate.Server.Features.Venue;
using Tidegate.Server.Infrastructure;
using Tidegate.Server.Infrastructure.Auth;
using Tidegate.Server.Infrastructure.Privacy;

namespace Tidegate.Server.Features.Staff;

/// <summary>
/// POST /api/v1/staff/session {email, password, otp} → 200 {token, role, expiresAt} and the console's
/// session cookie. An unknown email and a wrong password get the same <c>401 invalid_credentials</c>;
/// an enrolled account needs its one-time code or an unused recovery code (<c>401 otp_required</c>);
/// a locked account gets <c>429 throttled</c> (<see cref="SignInThrottle"/>). With setup steps left
/// (<see cref="SetupSteps"/>: a one-time password, no second factor on an admin or operator) the
/// session is a setup session: role <c>staff-setup</c> in the token and cookie, the real role in the
/// answer's <c>role</c>, the steps in <c>setupRequired</c>.
/// </summary>
public sealed class SignIn(
    Db db, PersonalData personal, IPasswordHasher<StaffAccount> hasher, StaffSessions sessions, Tokens tokens,
    VenueStore venues, TimeProvider clock)
{
    /// <summary>
    /// Failures for emails that have no account, kept in memory by the same rule, so an unknown email
    /// is locked after as many tries as a real one (the lockout tells nothing about who has an account).
    /// </summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, SignInThrottle.State> _unknown = new();

    public sealed record Request(string? Email, string? Password, string? Otp);
    public sealed record Response(string Token, string Role, DateTimeOffset ExpiresAt, IReadOnlyList<string> SetupRequired);
    public sealed record SignedIn(Response Response, string StaffId, string SessionId);

    /// <summary>Verified against when the email is unknown, so that answer takes as long as a wrong password.</summary>
    private static readonly Lazy<string> DummyHash = new(() => new PasswordHasher<StaffAccount>().HashPassword(StaffAccount.Any, "not a password at all"));

    public static async Task<IResult> Handle(Body<Request> body, HttpContext http, SignIn useCase, CancellationToken ct)
    {
        var result = await useCase.ExecuteAsync(body.Value, ct);
        if (!result.IsOk) return Problems.From(result.Error);
        await CookieAsync(http, result.Value);
        return TypedResults.Ok(result.Value.Response);
    }

    /// <summary>Gives the browser the console's session cookie for a session just opened.</summary>
    public static Task CookieAsync(HttpContext http, SignedIn signedIn) => StaffPrincipal.SignInAsync(http, signedIn);

    public async Task<Result<SignedIn>> ExecuteAsync(Request request, CancellationToken ct)
    {
        if (request.Email is null || request.Password is null) return Invalid();
        StaffRow? row;
        var emailKey = personal.EmailKey(request.Email);
        await using (var connection = await db.OpenAsync(ct))
            row = await connection.QuerySingleOrDefaultAsync<StaffRow>(StaffSql.ByEmailKey, new { EmailKey = emailKey });
        var now = clock.GetUtcNow();
        if (row is null || row.DisabledAt is not null) return NoAccount(emailKey, request.Password, now);
        var state = new SignInThrottle.State((int)row.FailedAttempts, row.LockedUntil);
        if (SignInThrottle.Check(state, now) is { } throttled) return throttled;
        if (hasher.VerifyHashedPassword(StaffAccount.Any, row.PasswordHash, request.Password) == PasswordVerificationResult.Failed)
            return await FailAsync(row, Invalid(), ct);

        if (row.Enrolled)
        {
            if (string.IsNullOrWhiteSpace(request.Otp)) return OtpRequired("This account needs its one-time code.");
            if (!await SecondFactorAsync(row, request.Otp, now, ct))
                return await FailAsync(row, OtpRequired("That one-time code is wrong, expired or already used."), ct);
        }
        if (row.FailedAttempts > 0 || row.LockedUntil is not null)
            await db.WriteAsync((c, tx) => c.ExecuteAsync(StaffSql.ResetFailures, new { row.Id }, tx), ct);

        var session = await sessions.OpenAsync(row.Id, ct);
        var setup = row.SetupRequired;
        var token = setup.Count == 0
            ? tokens.Issue(row.Role, row.Id, StaffSessions.Lifetime, session.Id)
            : tokens.Issue(Roles.StaffSetup, row.Id, StaffSessions.Lifetime, session.Id, staffRole: row.Role);
        var time = (await venues.GetAsync(ct)).Time;
        return new SignedIn(new Response(token, row.Role, time.Local(session.ExpiresAt), setup), row.Id, session.Id);
    }

    /// <summary>A code from the authenticator (each time step once), or one of the recovery codes (each once).</summary>
    private async Task<bool> SecondFactorAsync(StaffRow row, string otp, DateTimeOffset now, CancellationToken ct)
    {
        var given = otp.Trim();
        if (given.Replace(" ", "", StringComparison.Ordinal).All(char.IsAsciiDigit))
        {
            var decision = TotpWindow.Verify(given, OtpCodes.CodeOfStep(personal.Decrypt(row.TotpSecret!)), now, row.TotpLastStep);
            if (decision.Outcome != TotpWindow.Outcome.Accepted) return false;
            // Two sign-ins racing with one code: only one moves the mark.
            return await db.WriteAsync((c, tx) => c.ExecuteAsync(StaffSql.ClaimStep, new { row.Id, decision.Step }, tx), ct) == 1;
        }
        var hash = RecoveryCodes.Hash(tokens, row.Id, given);
        return await db.WriteAsync((c, tx) => c.ExecuteAsync(StaffSql.UseRecoveryCode, new { row.Id, CodeHash = hash, Now = now }, tx), ct) == 1;
    }

    /// <summary>Counts the failure (compare-and-set on the count, retried when another failure got there first).</summary>
    private async Task<Error> FailAsync(StaffRow row, Error answer, CancellationToken ct)
    {
        var current = row;
        for (var attempt = 0; attempt < 5 && current is not null; attempt++)
        {
            var next = SignInThrottle.AfterFailure(new SignInThrottle.State((int)current.FailedAttempts, current.LockedUntil), clock.GetUtcNow());
            var changed = await db.WriteAsync((c, tx) => c.ExecuteAsync(StaffSql.RecordFailure,
                new { current.Id, next.FailedAttempts, next.LockedUntil, Before = current.FailedAttempts }, tx), ct);
            if (changed == 1) break;
            await using var connection = await db.OpenAsync(ct);
            current = await connection.QuerySingleOrDefaultAsync<StaffRow>(StaffSql.ById, new { row.Id });
        }
        return answer;
    }

    private Error NoAccount(string emailKey, string password, DateTimeOffset now)
    {
        var state = _unknown.GetValueOrDefault(emailKey, new SignInThrottle.State(0, null));
        if (SignInThrottle.Check(state, now) is { } throttled) return throttled;
        hasher.VerifyHashedPassword(StaffAccount.Any, DummyHash.Value, password);
        if (_unknown.Count > 10_000) _unknown.Clear(); // bounds a spray of made-up emails
        _unknown[emailKey] = SignInThrottle.AfterFailure(state, now);
        return Invalid();
    }

    private static Error Invalid() => new(ErrorCodes.InvalidCredentials, "The email or the password is wrong.");
    private static Error OtpRequired(string detail) => new(ErrorCodes.OtpRequired, detail);
}
