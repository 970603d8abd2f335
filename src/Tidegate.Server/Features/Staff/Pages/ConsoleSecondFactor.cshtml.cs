using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Tidegate.Domain.Staff;
using Tidegate.Server.Infrastructure.Auth;

namespace Tidegate.Server.Features.Staff.Pages;

/// <summary>
/// /console/second-factor: enrol an authenticator app through the same <see cref="StaffOtp"/> use
/// case as the API. The page shows the QR (an SVG data URL: the CSP allows data: images) and the
/// key as text, takes a code, then shows the ten recovery codes once, with an "I have saved them"
/// step before going on. The code just proved, the session's cookie is made whole at once.
/// </summary>
[Authorize(Policy = Policies.StaffSetup)]
public sealed class ConsoleSecondFactorModel(StaffOtp otp, IStringLocalizer<SecondFactorText> text) : PageModel
{
    [BindProperty] public string? Code { get; set; }

    public StaffOtp.Enrolment? Enrolment { get; private set; }
    public IReadOnlyList<string>? RecoveryCodes { get; private set; }
    public string? Problem { get; private set; }
    public bool Required => StaffPrincipal.SetupOf(User).Contains(SetupSteps.SecondFactor);

    public string QrDataUrl => "data:image/svg+xml;base64," + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(Enrolment!.QrSvg));

    /// <summary>The key in groups of four, as authenticator apps ask for it.</summary>
    public string KeyForHumans => string.Join(' ', Enrolment!.Secret.Chunk(4).Select(c => new string(c)));

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Response.Headers.CacheControl = "no-store";
        if (StaffOtp.StaffOf(User) is not { } staffId) return Forbid();
        Enrolment = await otp.EnrolAsync(staffId, ct);
        return Enrolment is null ? Forbid() : Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Response.Headers.CacheControl = "no-store";
        if (StaffOtp.StaffOf(User) is not { } staffId) return Forbid();
        var result = await otp.ConfirmAsync(staffId, Code, ct);
        if (!result.IsOk)
        {
            Enrolment = await otp.PendingAsync(staffId, ct) ?? await otp.EnrolAsync(staffId, ct);
            Problem = text["WrongCode"];
            Response.StatusCode = StatusCodes.Status401Unauthorized;
            Code = null;
            return Page();
        }
        await StaffPrincipal.ReissueAsync(HttpContext, StaffPrincipal.SetupOf(User).Where(step => step != SetupSteps.SecondFactor).ToList());
        // Shown once, in this answer only: nothing keeps them to show again.
        RecoveryCodes = result.Value.RecoveryCodes;
        return Page();
    }
}
