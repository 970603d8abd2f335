using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Tidegate.Domain.Common;

namespace Tidegate.Server.Infrastructure.Auth;

/// <summary>
/// Authenticates "Authorization: Bearer tg1…" (signed role tokens) and "Bearer tgd1…" (registered
/// devices, role gate) and answers 401/403 as problem+json.
/// </summary>
public sealed class BearerHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, Tokens tokens, IDeviceTokens devices)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Bearer";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return AuthenticateResult.NoResult();
        var token = header["Bearer ".Length..].Trim();
        if (token.StartsWith(IDeviceTokens.Prefix, StringComparison.Ordinal)) return await DeviceAsync(token);
        var claims = tokens.Verify(token);
        if (claims is null) return AuthenticateResult.Fail("invalid token");
        List<Claim> identityClaims = [new Claim(ClaimTypes.Role, claims.Role), new Claim(ClaimTypes.NameIdentifier, claims.Subject)];
        // A staff token lives only as long as its session: ended or expired, it is refused on every instance.
        if (claims.Session is { } session)
        {
            var sessions = Context.RequestServices.GetService<IStaffSessions>();
            if (sessions is null || !await sessions.IsOpenAsync(session, Context.RequestAborted)) return AuthenticateResult.Fail("session ended");
            identityClaims.Add(new Claim(AuthSchemes.SessionClaim, session));
        }
        if (claims.StaffRole is { } staffRole) identityClaims.Add(new Claim(AuthSchemes.StaffRoleClaim, staffRole));
        return Success([.. identityClaims]);
    }

    private async Task<AuthenticateResult> DeviceAsync(string token)
    {
        if (await devices.FindAsync(token, Context.RequestAborted) is not { } device) return AuthenticateResult.Fail("unknown or revoked device");
        return Success(new Claim(ClaimTypes.Role, Roles.Gate), new Claim(ClaimTypes.NameIdentifier, "device:" + device.DeviceId),
            new Claim(IDeviceTokens.DeviceIdClaim, device.DeviceId), new Claim(IDeviceTokens.DeviceKindClaim, device.Kind));
    }

    private static AuthenticateResult Success(params Claim[] claims) =>
        AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName)), SchemeName));

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        Problems.From(new Error(ErrorCodes.Unauthorized, "A valid bearer token is required.")).ExecuteAsync(Context);

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Problems.From(new Error(ErrorCodes.Forbidden, "This token's role may not do that.")).ExecuteAsync(Context);
}
