using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Tidegate.Server.Infrastructure.Auth;

namespace Tidegate.Server.Features.Staff;

/// <summary>
/// The console's session cookie: the same claims as the bearer token (staff id, role, session), a
/// setup session's real role and the steps it has left. Written by sign-in (API and console page)
/// and rewritten by the setup pages as steps are done, so the shell knows where to send the person.
/// </summary>
public static class StaffPrincipal
{
    public static ClaimsPrincipal For(string staffId, string role, string sessionId, IReadOnlyList<string> setupRequired)
    {
        List<Claim> claims = [new(ClaimTypes.NameIdentifier, staffId), new(AuthSchemes.SessionClaim, sessionId)];
        if (setupRequired.Count == 0) claims.Add(new Claim(ClaimTypes.Role, role));
        else
        {
            claims.Add(new Claim(ClaimTypes.Role, Roles.StaffSetup));
            claims.Add(new Claim(AuthSchemes.StaffRoleClaim, role));
            claims.Add(new Claim(AuthSchemes.SetupClaim, string.Join(' ', setupRequired)));
        }
        return new ClaimsPrincipal(new ClaimsIdentity(claims, AuthSchemes.StaffCookie));
    }

    public static Task SignInAsync(HttpContext http, ClaimsPrincipal principal, DateTimeOffset expiresAt) =>
        http.SignInAsync(AuthSchemes.StaffCookie, principal,
            // A browser-session cookie (gone when the browser closes: shared tablets at the gate); the
            // ticket inside expires with the session, checked by the app's clock.
            new AuthenticationProperties { IsPersistent = false, ExpiresUtc = expiresAt });

    public static Task SignInAsync(HttpContext http, SignIn.SignedIn signedIn) => SignInAsync(http,
        For(signedIn.StaffId, signedIn.Response.Role, signedIn.SessionId, signedIn.Response.SetupRequired), signedIn.Response.ExpiresAt);

    /// <summary>
    /// Rewrites this session's cookie once a setup step is done: with none left it carries the real
    /// role (the step just proved the password or the code, so no second sign-in is asked).
    /// </summary>
    public static async Task ReissueAsync(HttpContext http, IReadOnlyList<string> setupLeft)
    {
        var user = http.User;
        if (user.FindFirstValue(ClaimTypes.NameIdentifier) is not { } staffId || user.FindFirstValue(AuthSchemes.SessionClaim) is not { } session
            || RoleOf(user) is not { } role) return;
        var current = await http.AuthenticateAsync(AuthSchemes.StaffCookie);
        var expiresAt = current.Properties?.ExpiresUtc ?? DateTimeOffset.UtcNow.AddHours(1);
        await SignInAsync(http, For(staffId, role, session, setupLeft), expiresAt);
    }

    /// <summary>A setup session's steps left (empty for a full session).</summary>
    public static IReadOnlyList<string> SetupOf(ClaimsPrincipal user) =>
        user.IsInRole(Roles.StaffSetup)
            ? (user.FindFirstValue(AuthSchemes.SetupClaim) ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries)
            : [];

    /// <summary>The person's real role, in a setup session too.</summary>
    public static string? RoleOf(ClaimsPrincipal user) =>
        user.FindFirstValue(AuthSchemes.StaffRoleClaim) ?? user.FindFirstValue(ClaimTypes.Role);
}
