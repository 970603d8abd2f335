using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Tidegate.Domain.Common;
using Tidegate.Domain.Staff;
using Tidegate.Server.Infrastructure.Auth;

namespace Tidegate.Server.Features.Staff.Pages;

/// <summary>
/// /console/password: the person chooses their own password (after a one-time one, the first thing a
/// setup session is sent to), through the same <see cref="ChangePassword"/> use case as the API.
/// Then on to the second factor if that is left, else to Today with the session's cookie made whole.
/// </summary>
[Authorize(Policy = Policies.StaffSetup)]
public sealed class ConsolePasswordModel(ChangePassword change, IStringLocalizer<PasswordText> text) : PageModel
{
    [BindProperty] public string? CurrentPassword { get; set; }
    [BindProperty] public string? NewPassword { get; set; }
    [BindProperty] public string? RepeatPassword { get; set; }

    public string? Problem { get; private set; }
    public bool Required => StaffPrincipal.SetupOf(User).Contains(SetupSteps.Password);
    public bool Changed { get; private set; }

    public void OnGet([FromQuery] bool changed = false)
    {
        Response.Headers.CacheControl = "no-store";
        Changed = changed;
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Response.Headers.CacheControl = "no-store";
        if (NewPassword != RepeatPassword) return Refuse(text["Mismatch"], StatusCodes.Status422UnprocessableEntity);
        var staffId = StaffOtp.StaffOf(User);
        var session = User.FindFirstValue(AuthSchemes.SessionClaim);
        if (staffId is null || session is null) return Forbid();
        var result = await change.ExecuteAsync(staffId, session, new ChangePassword.Request(CurrentPassword, NewPassword), ct);
        if (!result.IsOk)
            return result.Error.Code == ErrorCodes.WeakPassword
                ? Refuse(NewPassword == CurrentPassword ? text["Same"] : text["Weak", PasswordPolicy.MinimumLength], StatusCodes.Status422UnprocessableEntity)
                : Refuse(text["WrongCurrent"], StatusCodes.Status401Unauthorized);

        var left = StaffPrincipal.SetupOf(User).Where(step => step != SetupSteps.Password).ToList();
        await StaffPrincipal.ReissueAsync(HttpContext, left);
        return left.Contains(SetupSteps.SecondFactor) ? Redirect("/console/second-factor")
            : Required ? Redirect("/console") : Redirect("/console/password?changed=true");
    }

    private PageResult Refuse(string problem, int status)
    {
        Problem = problem;
        Response.StatusCode = status;
        CurrentPassword = NewPassword = RepeatPassword = null;
        return Page();
    }
}
