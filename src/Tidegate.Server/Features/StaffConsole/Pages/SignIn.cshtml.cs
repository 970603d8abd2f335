using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using Tidegate.Domain.Common;
using Tidegate.Server.Features.Site;
using Tidegate.Server.Features.Staff;
using Tidegate.Server.Infrastructure;
using Tidegate.Server.Infrastructure.Auth;

namespace Tidegate.Server.Features.StaffConsole.Pages;

/// <summary>
/// The console's sign-in: email, password and, for an account with an authenticator, its code, in
/// one form through the same <see cref="Staff.SignIn"/> use case as the API (lockout and throttling
/// included). A success sets the session cookie and goes back to the page that asked.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(RateLimits.SignIn)] // per client address, POSTs only
public sealed class SignInModel(Staff.SignIn signIn, IStringLocalizer<ConsoleText> text) : PageModel
{
    [BindProperty] public string? Email { get; set; }
    [BindProperty] public string? Password { get; set; }
    [BindProperty] public string? Otp { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    public string? Problem { get; private set; }
    /// <summary>The last answer asked for the one-time code: the form puts the field first.</summary>
    public bool OtpAsked { get; private set; }

    public void OnGet() => Response.Headers.CacheControl = "no-store";

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Response.Headers.CacheControl = "no-store";
        var result = await signIn.ExecuteAsync(new Staff.SignIn.Request(Email?.Trim(), Password, Otp), ct);
        if (result.IsOk)
        {
            await Staff.SignIn.CookieAsync(HttpContext, result.Value);
            // Setup left (a one-time password, no second factor yet): its page first, whatever was asked.
            return LocalRedirect(result.Value.Response.SetupRequired.Count > 0
                ? AuthSchemes.SetupPage(result.Value.Response.SetupRequired)
                : Destination(ReturnUrl));
        }
        OtpAsked = result.Error.Code == ErrorCodes.OtpRequired;
        Problem = result.Error.Code switch
        {
            ErrorCodes.OtpRequired when string.IsNullOrWhiteSpace(Otp) => text["SignIn_OtpNeeded"],
            ErrorCodes.OtpRequired => text["SignIn_OtpWrong"],
            ErrorCodes.Throttled => text["SignIn_Throttled"],
            _ => text["SignIn_Invalid"],
        };
        Response.StatusCode = result.Error.Code == ErrorCodes.Throttled ? StatusCodes.Status429TooManyRequests : StatusCodes.Status401Unauthorized;
        Password = null;
        Otp = null;
        return Page();
    }

    /// <summary>Back to the console page that asked; never off the console.</summary>
    public static string Destination(string? returnUrl) =>
        ReturnUrls.LocalOrHome(returnUrl) is var local && (local == "/console" || local.StartsWith("/console/", StringComparison.Ordinal))
            ? local
            : "/console";
}
