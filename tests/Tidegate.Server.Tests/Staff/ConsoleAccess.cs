namespace Tidegate.Server.Tests.Staff;

/// <summary>Who may open a console page: nobody signed in is sent to sign in, another role gets 403, the right roles the page.</summary>
public static class ConsoleAccess
{
    public static async Task ExpectAsync(TestApp app, string path, string[] allowed, string[] refused)
    {
        var anonymous = ConsoleClient.Anonymous(app);
        var get = await anonymous.Http.GetAsync(path);
        Assert.Equal(HttpStatusCode.Redirect, get.StatusCode);
        Assert.Equal("/console/sign-in?returnUrl=" + Uri.EscapeDataString(path), get.Headers.Location!.PathAndQuery);
        var post = await anonymous.Http.PostAsync(path, new FormUrlEncodedContent([]));
        Assert.True(post.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.BadRequest, $"anonymous POST {path}: {(int)post.StatusCode}");

        foreach (var role in refused)
        {
            var console = await app.ConsoleAsync(role);
            Assert.Equal(HttpStatusCode.Forbidden, (await console.Http.GetAsync(path)).StatusCode);
        }
        foreach (var role in allowed)
        {
            var console = await app.ConsoleAsync(role);
            var html = await console.GetPageAsync(path);
            Assert.Contains("<h1>", html);
        }
    }

    /// <summary>A console client signed in as <paramref name="account"/> (so the test knows the person's staff id).</summary>
    public static async Task<ConsoleClient> SignInAsync(TestApp app, StaffClient.ReadyStaff account)
    {
        var console = ConsoleClient.Anonymous(app);
        var response = await console.PostFormAsync("/console/sign-in", new { account.Email, account.Password, Otp = account.NextCode() ?? "" });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await console.GetPageAsync("/console");
        return console;
    }

    public static async Task<List<System.Text.Json.Nodes.JsonNode>> AuditAsync(TestApp app, string action)
    {
        var admin = await Tidegate.Server.Tests.Audit.AdminClients.AsAsync(app, "admin", "auditor");
        var items = (await admin.GetAsync("/api/v1/admin/audit?action=" + action).ExpectJson(HttpStatusCode.OK))["items"]!.AsArray();
        return items.Select(i => i!).ToList();
    }
}
