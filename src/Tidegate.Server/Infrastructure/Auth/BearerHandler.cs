using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Tidegate.Domain.Common;

namespace Tidegate.Server.Infrastructure.Auth;

/// <summary>Authenticates "Authorization: Bearer tg1…" and answers 401/403 as problem+json.</summary>
public sealed class BearerHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, Tokens tokens)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Bearer";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return Task.FromResult(AuthenticateResult.NoResult());
        var claims = tokens.Verify(header["Bearer ".Length..].Trim());
        if (claims is null) return Task.FromResult(AuthenticateResult.Fail("invalid token"));
        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Role, claims.Role), new Claim(ClaimTypes.NameIdentifier, claims.Subject)], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        Problems.From(new Error(ErrorCodes.Unauthorized, "A valid bearer token is required.")).ExecuteAsync(Context);

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Problems.From(new Error(ErrorCodes.Forbidden, "This token's role may not do that.")).ExecuteAsync(Context);
}
