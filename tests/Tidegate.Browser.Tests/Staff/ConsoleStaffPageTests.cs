using Tidegate.Browser.Tests.Support;
using Tidegate.Server.Tests.Staff;

namespace Tidegate.Browser.Tests.Staff;

/// <summary>The console's staff page in Chromium: an admin adds an account and sees its one-time password, then disables it.</summary>
[Collection(BrowserCollection.Name)]
public class ConsoleStaffPageTests(Browsers browsers)
{
    [BrowserTheory]
    [InlineData("ja-JP", "スタッフ", "無効")]
    [InlineData("en-US", "Staff", "Disabled")]
    public async Task An_admin_adds_an_account_sees_its_one_time_password_and_disables_it(string locale, string heading, string disabled)
    {
        using var app = new TestApp("sqlite");
        var n = 0;
        foreach (var size in Browsers.ConsoleSizes)
        {
            var page = await browsers.NewPageAsync(app.ClientOptions.BaseAddress.ToString(), size, locale);
            await page.SignInToConsoleAsync(app, "admin");
            await page.GotoAsync("/console/staff");
            Assert.Equal(heading, await page.InnerTextAsync("h1"));
            await page.AssertFitsAsync(size);
            await page.ShotAsync($"console-staff-{locale}-{size.Width}");

            var email = $"mio{++n}@example.com";
            await page.FillAsync("#new-email", email);
            await page.FillAsync("#new-name", "佐藤 美緒");
            await page.SelectOptionAsync("#new-role", "operator");
            await page.ClickAsync("form[action*=Create] button[type=submit]");
            await page.WaitForSelectorAsync("#one-time-password");
            var password = (await page.InnerTextAsync("#one-time-password")).Trim();
            Assert.Equal(20, password.Length);
            await page.AssertFitsAsync(size);
            await page.ShotAsync($"console-staff-added-{locale}-{size.Width}");
            await app.SignInAsync(email, password).ExpectJson(HttpStatusCode.OK); // the password shown is the account's

            // Disable it, after saying yes to the confirmation.
            await page.GotoAsync("/console/staff");
            var row = page.Locator("tr", new() { HasText = email });
            page.Dialog += async (_, dialog) => await dialog.AcceptAsync();
            await row.Locator("form[action*=Disable] button").ClickAsync();
            await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("changed="));
            Assert.Contains(disabled, await page.Locator("tr", new() { HasText = email }).InnerTextAsync());
            await app.SignInAsync(email, password).ExpectProblem(HttpStatusCode.Unauthorized, "invalid_credentials");
            await page.Context.CloseAsync();
        }
    }

    [BrowserFact]
    public async Task Saying_no_to_the_confirmation_changes_nothing()
    {
        using var app = new TestApp("sqlite");
        var kai = await app.ReadyStaffAsync("operator");
        var page = await browsers.NewPageAsync(app.ClientOptions.BaseAddress.ToString(), Browsers.Tablet, "ja-JP");
        await page.SignInToConsoleAsync(app, "admin");
        await page.GotoAsync("/console/staff");
        string? asked = null;
        page.Dialog += async (_, dialog) => { asked = dialog.Message; await dialog.DismissAsync(); };
        await page.Locator($"tr[data-staff='{kai.StaffId}'] form[action*=Disable] button").ClickAsync();
        Assert.Contains("無効にします", asked);
        Assert.EndsWith("/console/staff", page.Url);
        await app.SignInAsync(kai.Email, kai.Password, kai.NextCode()).ExpectJson(HttpStatusCode.OK);
    }
}
