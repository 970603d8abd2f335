namespace Tidegate.Server.Tests.Staff;

/// <summary>`staff create` run on the real Tidegate.Server.dll, as an operator sets up a new installation.</summary>
public class StaffCommandTests
{
    private static readonly Dictionary<string, string?> Environment = new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Staging",
        ["Tidegate__DevTools"] = "false",
    };

    private static string Folder() => Path.Combine(Path.GetTempPath(), "tidegate-process", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task The_first_admin_is_created_by_the_command_and_signs_in_with_the_printed_password()
    {
        var folder = Folder();
        try
        {
            string password;
            using (var create = new ServerProcess(Environment, folder, ["staff", "create", "--email", "First.Admin@Example.com", "--role", "admin", "--name", "First"]))
            {
                Assert.Equal(0, await create.ExitCodeAsync(60));
                var line = Assert.Single(create.Lines, l => l.StartsWith("One-time password (shown only now): ", StringComparison.Ordinal));
                password = line["One-time password (shown only now): ".Length..];
                Assert.True(password.Length >= 12);
            }
            using (var again = new ServerProcess(Environment, folder, ["staff", "create", "--email", "first.admin@example.com", "--role", "operator"]))
            {
                Assert.NotEqual(0, await again.ExitCodeAsync(60));
                Assert.Single(again.Lines, l => l.StartsWith("staff create: email_taken: ", StringComparison.Ordinal));
                Assert.DoesNotContain(again.Lines, l => l.StartsWith("One-time password", StringComparison.Ordinal));
            }
            using (var weak = new ServerProcess(Environment, folder, ["staff", "create", "--email", "op@example.com", "--role", "operator", "--password-stdin"], "password1234\n"))
            {
                Assert.NotEqual(0, await weak.ExitCodeAsync(60));
                Assert.Single(weak.Lines, l => l.StartsWith("staff create: weak_password: ", StringComparison.Ordinal));
            }
            using (var chosen = new ServerProcess(Environment, folder, ["staff", "create", "--email", "op@example.com", "--role", "operator", "--password-stdin"], "sharks-and-rays-at-10\n"))
            {
                Assert.Equal(0, await chosen.ExitCodeAsync(60));
                Assert.DoesNotContain(chosen.Lines, l => l.Contains("sharks-and-rays", StringComparison.Ordinal));
            }

            using var server = new ServerProcess(Environment, folder);
            await server.WaitForAsync("/health/live");
            var client = server.Client();
            var admin = await client.PostJson("/api/v1/staff/session", new { email = "first.admin@example.com", password }).ExpectJson(HttpStatusCode.OK);
            Assert.Equal("admin", (string?)admin["role"]);
            Assert.Equal(["password", "second_factor"], admin["setupRequired"]!.AsArray().Select(s => (string)s!));
            var op = await client.PostJson("/api/v1/staff/session", new { email = "op@example.com", password = "sharks-and-rays-at-10" }).ExpectJson(HttpStatusCode.OK);
            Assert.Equal("operator", (string?)op["role"]);
            Assert.Equal(["password", "second_factor"], op["setupRequired"]!.AsArray().Select(s => (string)s!));

            // Both accounts the command made are in the audit log, by the command (the refusals made none).
            // The admin finishes set-up first: a setup session may read nothing else.
            var setup = server.Client();
            setup.DefaultRequestHeaders.Authorization = new("Bearer", (string)admin["token"]!);
            Assert.Equal(HttpStatusCode.NoContent,
                (await setup.PostJson("/api/v1/staff/password", new { currentPassword = password, newPassword = "manta-rays-glide-at-dawn" })).StatusCode);
            var secret = (string)(await setup.PostJson("/api/v1/staff/otp/enrol", new { }).ExpectJson(HttpStatusCode.OK))["secret"]!;
            await setup.PostJson("/api/v1/staff/otp/confirm", new { otp = Tidegate.Server.Features.Staff.OtpCodes.CodeAt(secret, DateTimeOffset.UtcNow) })
                .ExpectJson(HttpStatusCode.OK);
            var full = await client.PostJson("/api/v1/staff/session", new { email = "first.admin@example.com", password = "manta-rays-glide-at-dawn",
                otp = Tidegate.Server.Features.Staff.OtpCodes.CodeAt(secret, DateTimeOffset.UtcNow.AddSeconds(30)) }).ExpectJson(HttpStatusCode.OK);
            var asAdmin = server.Client();
            asAdmin.DefaultRequestHeaders.Authorization = new("Bearer", (string)full["token"]!);
            var created = (await asAdmin.GetAsync("/api/v1/admin/audit?action=staff.created").ExpectJson(HttpStatusCode.OK))["items"]!.AsArray();
            Assert.Equal([("staff create", "system", "role=operator"), ("staff create", "system", "role=admin")],
                created.Select(e => ((string)e!["actor"]!, (string)e["role"]!, (string)e["detail"]!)));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        }
    }

    [Fact]
    public async Task In_development_the_demo_has_one_account_per_role_and_says_how_to_sign_in()
    {
        using var server = new ServerProcess(new Dictionary<string, string?> { ["ASPNETCORE_ENVIRONMENT"] = "Development", ["Tidegate__DevTools"] = "true" });
        await server.WaitForAsync("/health/live");

        Assert.Contains(server.Lines, l => l.Contains("Demo staff: sign in at /console/sign-in with admin@demo.tidegate.local", StringComparison.Ordinal)
            && l.Contains(Tidegate.Server.Features.Staff.DemoStaff.AuthenticatorKey, StringComparison.Ordinal));
        var client = server.Client();
        foreach (var role in new[] { "admin", "operator", "analyst" })
        {
            // The process's clock is the real one here: the demo key's code of this moment.
            var otp = role == "analyst" ? null : Tidegate.Server.Features.Staff.OtpCodes.CodeAt(Tidegate.Server.Features.Staff.DemoStaff.AuthenticatorKey, DateTimeOffset.UtcNow);
            var body = await client.PostJson("/api/v1/staff/session", new { email = $"{role}@demo.tidegate.local", password = "tidegate-demo-2026", otp })
                .ExpectJson(HttpStatusCode.OK);
            Assert.Equal(role, (string?)body["role"]);
            Assert.Empty(body["setupRequired"]!.AsArray());
        }
    }
}
