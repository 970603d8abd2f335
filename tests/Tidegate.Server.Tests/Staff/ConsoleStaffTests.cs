using System.Text.RegularExpressions;

namespace Tidegate.Server.Tests.Staff;

/// <summary>/console/staff (admin): accounts listed, added with a one-time password, changed through the same use cases as the API.</summary>
public partial class ConsoleStaffTests
{
    private const string PagePath = "/console/staff";

    [GeneratedRegex("id=\"one-time-password\">([^<]+)</code>")]
    private static partial Regex OneTimePassword();

    [Theory, Engines]
    public async Task Only_an_admin_opens_the_staff_page(string engine)
    {
        using var app = new TestApp(engine);
        await ConsoleAccess.ExpectAsync(app, PagePath, allowed: ["admin"], refused: ["operator", "analyst"]);
        var operatorConsole = await app.ConsoleAsync("operator");
        var post = await operatorConsole.PostFormAsync(PagePath + "?handler=Create",
            new Dictionary<string, string> { ["Input.Email"] = "mio@example.com", ["Input.Name"] = "Mio", ["Input.Role"] = "admin" });
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        var admin = await app.DevAsync("admin");
        var emails = (await admin.GetAsync("/api/v1/admin/staff").ExpectJson(HttpStatusCode.OK))["items"]!.AsArray().Select(s => (string)s!["email"]!);
        Assert.DoesNotContain("mio@example.com", emails);
    }

    [Theory, Engines]
    public async Task An_admin_adds_an_account_and_sees_its_one_time_password_once(string engine)
    {
        using var app = new TestApp(engine);
        var me = await app.ReadyStaffAsync("admin");
        var console = await ConsoleAccess.SignInAsync(app, me);

        var added = await console.PostFormAsync(PagePath + "?handler=Create",
            new Dictionary<string, string> { ["Input.Email"] = "Mio.Sato@Example.com", ["Input.Name"] = "佐藤 美緒", ["Input.Role"] = "operator" });

        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        Assert.True(added.Headers.CacheControl?.NoStore);
        var html = await added.Content.ReadAsStringAsync();
        var password = OneTimePassword().Match(html).Groups[1].Value;
        Assert.Equal(20, password.Length);
        Assert.Contains("佐藤 美緒", html);
        var signedIn = await app.SignInAsync("mio.sato@example.com", password).ExpectJson(HttpStatusCode.OK);
        Assert.Equal("operator", (string)signedIn["role"]!);
        Assert.DoesNotContain(password, await console.GetPageAsync(PagePath)); // shown on that answer only
        var entry = Assert.Single(await ConsoleAccess.AuditAsync(app, "staff.created"), e => (string)e["actor"]! == me.StaffId);
        Assert.Equal("role=operator", (string)entry["detail"]!);

        // The same email again: refused in the page, the input kept, nothing shown as created.
        var taken = await console.PostFormAsync(PagePath + "?handler=Create",
            new Dictionary<string, string> { ["Input.Email"] = "mio.sato@example.com", ["Input.Name"] = "Mio again", ["Input.Role"] = "admin" });
        Assert.Equal(HttpStatusCode.Conflict, taken.StatusCode);
        var refused = await taken.Content.ReadAsStringAsync();
        Assert.Contains("class=\"error\" role=\"alert\">このメールアドレスのスタッフアカウントは既にあります。", refused);
        Assert.Contains("value=\"Mio again\"", refused);
        Assert.DoesNotMatch(OneTimePassword(), refused);
    }

    [Theory, Engines]
    public async Task The_last_admin_cannot_demote_or_disable_themselves_from_the_page(string engine)
    {
        using var app = new TestApp(engine);
        var me = await app.ReadyStaffAsync("admin");
        var console = await ConsoleAccess.SignInAsync(app, me);

        foreach (var (handler, fields) in new[]
        {
            ("Role", new Dictionary<string, string> { ["role"] = "operator" }),
            ("Disable", new Dictionary<string, string>()),
        })
        {
            var refused = await console.PostFormAsync($"{PagePath}?handler={handler}&staffId={me.StaffId}", fields);
            Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
            Assert.Contains("role=\"alert\">最後の有効な管理者です。", await refused.Content.ReadAsStringAsync());
        }
        Assert.Contains("<h1>", await console.GetPageAsync(PagePath)); // still an admin, still signed in
        Assert.Empty(await ConsoleAccess.AuditAsync(app, "staff.role_changed"));
        Assert.Empty(await ConsoleAccess.AuditAsync(app, "staff.disabled"));
    }

    [Theory, Engines]
    public async Task Each_change_on_the_page_is_audited_and_a_demoted_person_is_signed_out(string engine)
    {
        using var app = new TestApp(engine);
        var me = await app.ReadyStaffAsync("admin");
        var console = await ConsoleAccess.SignInAsync(app, me);
        var kai = await app.ReadyStaffAsync("admin");
        var kaiConsole = await ConsoleAccess.SignInAsync(app, kai);
        for (var i = 0; i < 5; i++) await app.SignInAsync(kai.Email, "wrong-password-" + i);

        async Task Change(string handler, Dictionary<string, string>? fields = null)
        {
            var response = await console.PostFormAsync($"{PagePath}?handler={handler}&staffId={kai.StaffId}", fields ?? []);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal($"{PagePath}?changed={kai.StaffId}", response.Headers.Location!.OriginalString);
            Assert.Contains("のアカウントを更新しました", await console.GetPageAsync(response.Headers.Location.OriginalString));
        }

        await Change("Unlock");
        await Change("Role", new() { ["role"] = "operator" });
        Assert.Equal(HttpStatusCode.Redirect, (await kaiConsole.Http.GetAsync(PagePath)).StatusCode); // signed out at once
        await Change("Reset");
        await Change("Disable");
        await Change("Enable");

        var admin = await Tidegate.Server.Tests.Audit.AdminClients.AsAsync(app, "admin", "auditor");
        var entries = (await admin.GetAsync($"/api/v1/admin/audit?actor={me.StaffId}").ExpectJson(HttpStatusCode.OK))["items"]!.AsArray();
        Assert.Equal(["staff.enabled", "staff.disabled", "staff.second_factor_reset", "staff.role_changed", "staff.unlocked"],
            entries.Select(e => (string)e!["action"]!));
        Assert.All(entries, e => Assert.Equal((kai.StaffId, "admin"), ((string)e!["target"]!, (string)e["role"]!)));
        var listed = await console.GetPageAsync(PagePath);
        Assert.Contains($"data-staff=\"{kai.StaffId}\"", listed);
    }
}
