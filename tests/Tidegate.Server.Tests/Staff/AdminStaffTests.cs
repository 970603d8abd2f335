using Tidegate.Server.Features.Staff;

namespace Tidegate.Server.Tests.Staff;

public class AdminStaffTests
{
    private static object NewStaff(string email = "mio@example.com", string password = StaffClient.Password, string role = "operator") =>
        new { email, name = "Mio Sato", role, password };

    [Theory, Engines]
    public async Task Only_an_admin_creates_staff(string engine)
    {
        using var app = new TestApp(engine);
        await app.CreateStaffAsync("op@example.com", "operator");
        await app.CreateStaffAsync("an@example.com", "analyst");
        await app.CreateStaffAsync("ad@example.com", "admin");

        await app.CreateClient().PostJson("/api/v1/admin/staff", NewStaff()).ExpectProblem(HttpStatusCode.Unauthorized, "unauthorized");
        await (await app.SignedInAsync("op@example.com")).PostJson("/api/v1/admin/staff", NewStaff()).ExpectProblem(HttpStatusCode.Forbidden, "forbidden");
        await (await app.SignedInAsync("an@example.com")).PostJson("/api/v1/admin/staff", NewStaff()).ExpectProblem(HttpStatusCode.Forbidden, "forbidden");
        await (await app.DevAsync("gate")).PostJson("/api/v1/admin/staff", NewStaff()).ExpectProblem(HttpStatusCode.Forbidden, "forbidden");
        await app.Bearer("tg1.forged.sig").PostJson("/api/v1/admin/staff", NewStaff()).ExpectProblem(HttpStatusCode.Unauthorized, "unauthorized");

        var created = await (await app.SignedInAsync("ad@example.com")).PostJson("/api/v1/admin/staff", NewStaff()).ExpectJson(HttpStatusCode.Created);
        Assert.False(string.IsNullOrEmpty((string?)created["staffId"]));
        var signedIn = await app.SignInAsync("mio@example.com").ExpectJson(HttpStatusCode.OK);
        Assert.Equal("operator", (string?)signedIn["role"]);
    }

    [Theory, Engines]
    public async Task The_same_email_in_another_case_is_taken(string engine)
    {
        using var app = new TestApp(engine);
        var admin = await app.DevAsync("admin");
        await admin.PostJson("/api/v1/admin/staff", NewStaff("Mio@Example.com")).ExpectJson(HttpStatusCode.Created);
        await admin.PostJson("/api/v1/admin/staff", NewStaff(" mio@EXAMPLE.com ", role: "admin"))
            .ExpectProblem(HttpStatusCode.Conflict, "email_taken");
    }

    [Theory, Engines]
    public async Task Weak_passwords_and_bad_fields_are_refused(string engine)
    {
        using var app = new TestApp(engine);
        var admin = await app.DevAsync("admin");
        await admin.PostJson("/api/v1/admin/staff", NewStaff(password: "short")).ExpectProblem(HttpStatusCode.UnprocessableEntity, "weak_password");
        await admin.PostJson("/api/v1/admin/staff", NewStaff(password: "password1234")).ExpectProblem(HttpStatusCode.UnprocessableEntity, "weak_password");
        var role = await admin.PostJson("/api/v1/admin/staff", NewStaff(role: "gate")).ExpectProblem(HttpStatusCode.BadRequest, "invalid_request");
        Assert.Equal("role", (string?)role["field"]);
        var email = await admin.PostJson("/api/v1/admin/staff", NewStaff(email: "not-an-email")).ExpectProblem(HttpStatusCode.BadRequest, "invalid_request");
        Assert.Equal("email", (string?)email["field"]);
        // Nothing was created by the refusals.
        await app.SignInAsync("mio@example.com", "short").ExpectProblem(HttpStatusCode.Unauthorized, "invalid_credentials");
    }

    [Theory, Engines]
    public async Task The_demo_accounts_sign_in_with_the_demo_password_and_the_demo_key(string engine)
    {
        using var app = new TestApp(engine, new Dictionary<string, string?> { ["environment"] = "Development" });
        var demo = app.Get<DemoStaff>();
        await demo.SeedAsync();
        await demo.SeedAsync(); // a restart finds them there

        foreach (var role in new[] { "admin", "operator" })
        {
            var email = DemoStaff.EmailOf(role);
            await app.SignInAsync(email, DemoStaff.Password).ExpectProblem(HttpStatusCode.Unauthorized, "otp_required");
            var body = await app.SignInAsync(email, DemoStaff.Password, demo.CodeNow(app.Clock.GetUtcNow())).ExpectJson(HttpStatusCode.OK);
            Assert.Equal(role, (string?)body["role"]);
            Assert.Empty(body["setupRequired"]!.AsArray()); // enrolled, and the demo password is not a one-time one
        }
        var analyst = await app.SignInAsync(DemoStaff.EmailOf("analyst"), DemoStaff.Password).ExpectJson(HttpStatusCode.OK);
        Assert.Equal("analyst", (string?)analyst["role"]);
        Assert.Empty(analyst["setupRequired"]!.AsArray());
    }

    [Theory, Engines]
    public async Task The_demo_accounts_are_refused_outside_development(string engine)
    {
        using var app = new TestApp(engine); // Testing, dev tools on
        await Assert.ThrowsAsync<InvalidOperationException>(() => app.Get<DemoStaff>().SeedAsync());
        await app.SignInAsync(DemoStaff.EmailOf("admin"), DemoStaff.Password).ExpectProblem(HttpStatusCode.Unauthorized, "invalid_credentials");
    }
}
