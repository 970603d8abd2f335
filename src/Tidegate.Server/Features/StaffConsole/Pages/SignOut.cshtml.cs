using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tidegate.Server.Features.Staff;
using Tidegate.Server.Infrastructure.Auth;

namespace Tidegate.Server.Features.StaffConsole.Pages;

/// <summary>POST /console/sign-out: ends this session on every instance and drops the cookie.</summary>
[AllowAnonymous]
public sealed class SignOutModel(StaffSessions sessions) : PageModel
{
    public IActionResult OnGet() => Redirect("/console");

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (User.FindFirstValue(AuthSchemes.SessionClaim) is { } session) await sessions.EndAsync(session, ct);
        await HttpContext.SignOutAsync(AuthSchemes.StaffCookie);
        return Redirect(AuthSchemes.SignInPath);
    }
}
