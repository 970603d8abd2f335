using System.Security.Claims;
using Tidegate.Domain.Staff;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Tidegate.Server.Infrastructure.Network;

namespace Tidegate.Server.Infrastructure.Auth;

/// <summary>
/// The authentication schemes: bearer tokens for the API (gate devices, staff, members, dev tokens)
/// and the staff session cookie for the console pages. The default scheme picks one per request:
/// a request with an Authorization header is a bearer request; otherwise a page request with the
/// staff cookie, or any console page, is a cookie request. API routes never accept the cookie (no
/// CSRF surface on the API) and answer challenges and refusals as the bearer scheme does (401/403
/// problem+json); a console page without a session redirects to the sign-in page, and one the
/// person's role may not see answers 403 (the status page says so).
/// </summary>
public static class AuthSchemes
{
    public const string Default = "Tidegate";
    public const string StaffCookie = "StaffCookie";
    public const string CookieName = "tidegate_staff";
    /// <summary>The claim carrying a staff session's id, in tokens and the cookie.</summary>
    public const string SessionClaim = "sid";
    /// <summary>A setup session's real role (its role claim is <see cref="Roles.StaffSetup"/>).</summary>
    public const string StaffRoleClaim = "tidegate:staff-role";
    /// <summary>A setup session's steps left, space-separated ("password second_factor"); the console cookie only.</summary>
    public const string SetupClaim = "tidegate:setup";
    public const string ConsolePath = "/console";
    public const string SignInPath = "/console/sign-in";

    public static IServiceCollection AddTidegateAuthentication(this IServiceCollection services, IConfiguration config)
    {
        var https = PublicUrl.IsHttps(config);
        services.AddAuthentication(Default)
            .AddScheme<AuthenticationSchemeOptions, BearerHandler>(BearerHandler.SchemeName, null)
            .AddCookie(StaffCookie, o =>
            {
                o.Cookie.Name = CookieName;
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.Cookie.SecurePolicy = https ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
                o.Cookie.Path = "/";
                o.SlidingExpiration = false;
                o.LoginPath = SignInPath;
                o.ReturnUrlParameter = "returnUrl";
                o.Events.OnRedirectToAccessDenied = context =>
                {
                    // A setup session is sent to its next step; anyone else is refused.
                    if (SetupPageOf(context.HttpContext.User) is { } setup) context.Response.Redirect(setup);
                    else context.Response.StatusCode = StatusCodes.Status403Forbidden;
                    return Task.CompletedTask;
                };
                o.Events.OnValidatePrincipal = async context =>
                {
                    var session = context.Principal?.FindFirstValue(SessionClaim);
                    var sessions = context.HttpContext.RequestServices.GetService<IStaffSessions>();
                    if (session is null || sessions is null || !await sessions.IsOpenAsync(session, context.HttpContext.RequestAborted))
                        context.RejectPrincipal();
                };
            })
            .AddPolicyScheme(Default, "Bearer token, or the staff cookie on pages", o =>
            {
                o.ForwardDefaultSelector = http => IsCookieRequest(http) ? StaffCookie : BearerHandler.SchemeName;
            });
        // The session cookie's ticket expires by the app's clock (the one the sessions use), not the machine's.
        services.AddOptions<CookieAuthenticationOptions>(StaffCookie).Configure<TimeProvider>((o, clock) => o.TimeProvider = clock);
        return services;
    }

    /// <summary>The console page doing a setup session's next step: the password first, then the second factor.</summary>
    public static string SetupPage(IEnumerable<string> steps) =>
        steps.Contains(SetupSteps.Password) ? "/console/password" : "/console/second-factor";

    public static string? SetupPageOf(ClaimsPrincipal user) =>
        user.IsInRole(Roles.StaffSetup) ? SetupPage((user.FindFirstValue(SetupClaim) ?? "").Split(' ')) : null;

    /// <summary>A page request without an Authorization header, carrying the staff cookie or asking for a console page.</summary>
    private static bool IsCookieRequest(HttpContext http) =>
        http.Request.Headers.Authorization.Count == 0 && !http.Request.Path.StartsWithSegments("/api")
        && (http.Request.Cookies.ContainsKey(CookieName) || http.Request.Path.StartsWithSegments(ConsolePath));
}
