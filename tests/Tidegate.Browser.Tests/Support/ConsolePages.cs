using Microsoft.Playwright;
using Tidegate.Server.Tests.Staff;

namespace Tidegate.Browser.Tests.Support;

/// <summary>Signing in to the console through its form, as a person of a role would.</summary>
public static class ConsolePages
{
    /// <summary>Makes a ready account of <paramref name="role"/> (authenticator enrolled where the role needs one) and signs in with it.</summary>
    public static async Task<StaffClient.ReadyStaff> SignInToConsoleAsync(this IPage page, TestApp app, string role)
    {
        var account = await app.ReadyStaffAsync(role);
        await page.SignInToConsoleAsync(account);
        return account;
    }

    public static async Task SignInToConsoleAsync(this IPage page, StaffClient.ReadyStaff account)
    {
        await page.GotoAsync("/console/sign-in");
        await page.FillAsync("#email", account.Email);
        await page.FillAsync("#password", account.Password);
        if (account.NextCode() is { } code) await page.FillAsync("#otp", code);
        await page.ClickAsync("button[type=submit]");
        await page.ArriveAsync(new System.Text.RegularExpressions.Regex("/console(/[a-z-]+)?([?].*)?$"));
    }
}
