using System.Text.RegularExpressions;
using Tidegate.Browser.Tests.Support;
using Tidegate.Server.Tests.Staff;

namespace Tidegate.Browser.Tests.StaffConsole;

/// <summary>
/// A new admin's first sign-in in Chromium: the one-time password must be changed, then the
/// authenticator enrolled from the QR page (the key read off the page, as a person types it in),
/// the recovery codes shown once and acknowledged, and then Today. At a phone, a tablet and a
/// desktop, in both languages.
/// </summary>
[Collection(BrowserCollection.Name)]
public class SetupPageTests(Browsers browsers)
{
    [BrowserTheory]
    [InlineData("ja-JP", "パスワードの変更", "2段階認証の設定", "本日の状況")]
    [InlineData("en-US", "Change password", "Two-step sign-in", "Today, ")]
    public async Task A_new_admin_changes_the_password_enrols_saves_the_recovery_codes_and_reaches_today(
        string locale, string passwordHeading, string secondFactorHeading, string todayHeading)
    {
        using var app = new TestApp("sqlite");
        foreach (var size in Browsers.ConsoleSizes)
        {
            var email = $"new-admin-{size.Width}@aquarium.example";
            const string OneTime = "one-time-password-xyz";
            await app.CreateWithOneTimePasswordAsync(email, "admin", OneTime);
            var page = await browsers.NewPageAsync(app.ClientOptions.BaseAddress.ToString(), size, locale);

            await page.GotoAsync("/console/sign-in");
            await page.FillAsync("#email", email);
            await page.FillAsync("#password", OneTime);
            await page.ClickAsync("button[type=submit]");
            await page.ArriveAsync(new Regex("/console/password$"));
            Assert.Equal(passwordHeading, await page.InnerTextAsync("h1"));
            Assert.True(await page.FitsWidthAsync());
            await page.ShotAsync($"console-password-{locale}-{size.Width}");

            await page.FillAsync("#current", OneTime);
            await page.FillAsync("#new", "moray-eels-at-dawn-7");
            await page.FillAsync("#repeat", "moray-eels-at-dawn-7");
            await page.ClickAsync("form.form-grid button[type=submit]");
            await page.ArriveAsync(new Regex("/console/second-factor$"));
            Assert.Equal(secondFactorHeading, await page.InnerTextAsync("h1"));
            Assert.True(await page.EvaluateAsync<bool>("() => { const i = document.querySelector('img.qr'); return i.complete && i.naturalWidth > 0; }"));
            Assert.True(await page.FitsWidthAsync());
            await page.ShotAsync($"console-second-factor-{locale}-{size.Width}");

            var key = (await page.InnerTextAsync("#otp-key")).Replace(" ", "", StringComparison.Ordinal);
            await page.FillAsync("#code", app.CodeNow(key));
            await page.ClickAsync("form.form-grid button[type=submit]");
            await page.WaitForSelectorAsync("ol.recovery-codes");
            Assert.Equal(10, await page.Locator("ol.recovery-codes li").CountAsync());
            Assert.True(await page.FitsWidthAsync());
            await page.ShotAsync($"console-recovery-codes-{locale}-{size.Width}");

            await page.CheckAsync("#saved");
            await page.ClickAsync("#codes-saved");
            await page.ArriveAsync(new Regex("/console([?].*)?$"));
            Assert.Contains(todayHeading, await page.InnerTextAsync("h1"));
            await page.Context.CloseAsync();
        }
    }

    [BrowserTheory]
    [InlineData("ja-JP")]
    [InlineData("en-US")]
    public async Task A_newcomer_signs_in_to_the_demo_with_what_the_demo_box_shows(string locale)
    {
        using var app = new TestApp("sqlite", new Dictionary<string, string?> { ["environment"] = "Development" });
        await app.Get<Tidegate.Server.Features.Staff.DemoStaff>().SeedAsync();
        var page = await browsers.NewPageAsync(app.ClientOptions.BaseAddress.ToString(), Browsers.Tablet, locale);

        await page.GotoAsync("/console");
        await page.ArriveAsync(new Regex("/console/sign-in"));
        Assert.True(await page.FitsWidthAsync());
        await page.ShotAsync($"console-sign-in-demo-{locale}-768");
        await page.FillAsync("#email", "operator@demo.tidegate.local");
        await page.FillAsync("#password", Tidegate.Server.Features.Staff.DemoStaff.Password);
        await page.FillAsync("#otp", await page.InnerTextAsync("tr:has-text('operator@demo') .demo-code"));
        await page.ClickAsync("form button[type=submit]");
        await page.ArriveAsync(new Regex("/console([?].*)?$"));
        Assert.Equal(1, await page.Locator("h1").CountAsync());
        Assert.DoesNotContain("sign-in", page.Url, StringComparison.Ordinal);
    }
}
