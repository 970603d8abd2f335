using System.Net.Http.Headers;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Tidegate.Server.Tests.Staff;

namespace Tidegate.Server.Tests.Security;

/// <summary>
/// Every protected route the server maps, found from its endpoints (so a route added later is
/// covered without editing this test): without a session it is refused (401 on the API, the
/// sign-in page for the console), by each role its policy leaves out it is refused with 403, and the
/// roles it names get past authorization. Ended, expired and revoked credentials are refused too.
/// </summary>
public class RoleBoundaryTests
{
    private static readonly string[] StaffRoles = ["admin", "operator", "analyst"];
    private static readonly string[] AllRoles = [.. StaffRoles, "gate"];

    /// <param name="Allowed">The roles its policy names; null for a policy of another kind (the metrics scrape), checked without a session only.</param>
    private sealed record Route(string Path, string Method, IReadOnlySet<string>? Allowed, bool Page);

    [Theory, Engines]
    public async Task Every_protected_route_refuses_no_session_and_each_role_its_policy_leaves_out(string engine)
    {
        using var app = new TestApp(engine);
        var routes = await ProtectedRoutesAsync(app);
        Assert.True(routes.Count >= 20, $"only {routes.Count} protected routes found");
        Assert.Contains(routes, r => r.Page && r.Path == "/console");
        Assert.Contains(routes, r => !r.Page && r.Path.StartsWith("/api/v1/gate/", StringComparison.Ordinal));

        var api = new Dictionary<string, HttpClient>();
        var pages = new Dictionary<string, ConsoleClient>();
        foreach (var role in StaffRoles)
        {
            var account = await app.ReadyStaffAsync(role);
            var token = (string)(await app.SignInAsync(account.Email, account.Password, account.NextCode()).ExpectJson(HttpStatusCode.OK))["token"]!;
            api[role] = app.Bearer(token);
            pages[role] = await app.ConsoleAsync(role);
        }
        api["gate"] = app.Bearer(await RegisteredDeviceTokenAsync(app));

        var failures = new List<string>();
        foreach (var route in routes)
        {
            var anonymous = await SendAsync(route, route.Page ? ConsoleClient.Anonymous(app).Http : app.CreateClient());
            var expected = route.Page ? HttpStatusCode.Redirect : HttpStatusCode.Unauthorized;
            if (anonymous.StatusCode != expected || route.Page && anonymous.Headers.Location?.AbsolutePath != "/console/sign-in")
                failures.Add($"{route.Method} {route.Path} without a session: {(int)anonymous.StatusCode}");

            foreach (var role in route.Allowed is null ? [] : route.Page ? StaffRoles : AllRoles)
            {
                var client = route.Page ? pages[role].Http : api[role];
                var allowed = route.Allowed!.Contains(role);
                // A role that may call the route only reads (GET): a write with no body could change
                // what the later checks rely on. A refused role is stopped before any handler runs.
                if (allowed && route.Method != "GET") continue;
                var response = await SendAsync(route, client);
                var status = (int)response.StatusCode;
                if (!allowed && status != 403)
                    failures.Add($"{route.Method} {route.Path} as {role} (not in its policy): {status}");
                if (allowed && (status is 401 or 403 || response.Headers.Location?.AbsolutePath == "/console/sign-in"))
                    failures.Add($"{route.Method} {route.Path} as {role} (in its policy): {status}");
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Theory, Engines]
    public async Task An_ended_or_expired_session_and_a_revoked_device_are_refused_everywhere(string engine)
    {
        using var app = new TestApp(engine);
        var operatorAccount = await app.ReadyStaffAsync("operator");
        var token = (string)(await app.SignInAsync(operatorAccount.Email, operatorAccount.Password, operatorAccount.NextCode())
            .ExpectJson(HttpStatusCode.OK))["token"]!;
        var bearer = app.Bearer(token);
        var console = await app.ConsoleAsync("operator");
        await bearer.GetAsync("/api/v1/admin/gate-devices").ExpectJson(HttpStatusCode.OK);

        // Expired: twelve hours and a minute later, by the app's clock.
        app.Clock.Advance(Tidegate.Server.Features.Staff.StaffSessions.Lifetime + TimeSpan.FromMinutes(1));
        await bearer.GetAsync("/api/v1/admin/gate-devices").ExpectProblem(HttpStatusCode.Unauthorized, "unauthorized");
        var page = await console.Http.GetAsync("/console");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);

        // Ended: "end all" from the API ends the console's session of the same person too.
        var again = await app.ReadyStaffAsync("admin");
        var adminApi = app.Bearer((string)(await app.SignInAsync(again.Email, again.Password, again.NextCode())
            .ExpectJson(HttpStatusCode.OK))["token"]!);
        var adminConsole = ConsoleClient.Anonymous(app);
        var signedIn = await adminConsole.PostFormAsync("/console/sign-in", new { again.Email, again.Password, Otp = again.NextCode()! });
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await adminConsole.Http.GetAsync("/console")).StatusCode);
        await adminApi.PostJson("/api/v1/staff/sessions/end-all", new { }).ExpectJson(HttpStatusCode.OK);
        await adminApi.GetAsync("/api/v1/admin/audit").ExpectProblem(HttpStatusCode.Unauthorized, "unauthorized");
        Assert.Equal(HttpStatusCode.Redirect, (await adminConsole.Http.GetAsync("/console")).StatusCode);

        // Revoked: the device is refused at once.
        var deviceToken = await RegisteredDeviceTokenAsync(app, revokeAfter: true);
        await app.Bearer(deviceToken).GetAsync("/api/v1/gate/offline-bundle").ExpectProblem(HttpStatusCode.Unauthorized, "unauthorized");
    }

    private static async Task<string> RegisteredDeviceTokenAsync(TestApp app, bool revokeAfter = false)
    {
        var operatorClient = await app.DevAsync("operator");
        var device = await operatorClient.PostJson("/api/v1/admin/gate-devices", new { name = "lane-" + Guid.NewGuid().ToString("N")[..6] })
            .ExpectJson(HttpStatusCode.Created);
        if (revokeAfter)
            Assert.Equal(HttpStatusCode.NoContent, (await operatorClient.DeleteAsync("/api/v1/admin/gate-devices/" + (string)device["deviceId"]!)).StatusCode);
        return (string)device["token"]!;
    }

    private static Task<HttpResponseMessage> SendAsync(Route route, HttpClient client)
    {
        var request = new HttpRequestMessage(new HttpMethod(route.Method), route.Path);
        if (route.Method is "POST" or "PUT" or "PATCH")
            request.Content = route.Page
                ? new FormUrlEncodedContent([])
                : new StringContent("{}", MediaTypeHeaderValue.Parse("application/json"));
        return client.SendAsync(request);
    }

    /// <summary>The routes with an authorization policy, each method once, parameters filled with harmless values.</summary>
    private static async Task<IReadOnlyList<Route>> ProtectedRoutesAsync(TestApp app)
    {
        var policies = app.Services.GetRequiredService<IAuthorizationPolicyProvider>();
        var routes = new List<Route>();
        var unprotected = new List<string>();
        foreach (var endpoint in app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var pattern = "/" + (endpoint.RoutePattern.RawText ?? "").TrimStart('/');
            if (pattern.StartsWith("/api/v1/dev", StringComparison.Ordinal)) continue;
            var page = pattern == "/console" || pattern.StartsWith("/console/", StringComparison.Ordinal);
            var data = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>();
            var anonymous = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;
            var staffArea = page || pattern.StartsWith("/api/v1/admin", StringComparison.Ordinal) || pattern.StartsWith("/api/v1/gate/", StringComparison.Ordinal)
                            || pattern.StartsWith("/api/v1/box-office", StringComparison.Ordinal) || pattern.StartsWith("/api/v1/staff/", StringComparison.Ordinal);
            if (data.Count == 0 || anonymous)
            {
                if (staffArea && !anonymous && pattern != "/api/v1/staff/session") unprotected.Add(pattern);
                continue;
            }
            HashSet<string>? allowed = [];
            foreach (var d in data)
            {
                var policy = d.Policy is { } name ? await policies.GetPolicyAsync(name) : await policies.GetDefaultPolicyAsync();
                var roleRules = policy!.Requirements.OfType<RolesAuthorizationRequirement>().ToList();
                if (roleRules.Count == 0) allowed = null;
                foreach (var roles in roleRules) allowed?.UnionWith(roles.AllowedRoles);
            }
            var path = Fill(pattern);
            var methods = endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods
                          ?? (page ? ["GET", "POST"] : ["GET"]);
            foreach (var method in methods.Distinct()) routes.Add(new Route(path, method, allowed, page));
        }
        Assert.True(unprotected.Count == 0, "staff routes without a policy: " + string.Join(", ", unprotected));
        return routes.DistinctBy(r => (r.Path, r.Method)).OrderBy(r => r.Path).ToList();
    }

    private static string Fill(string pattern) =>
        System.Text.RegularExpressions.Regex.Replace(pattern, @"\{([^}:?]+)[^}]*\}", m => m.Groups[1].Value switch
        {
            "date" => "2026-12-20",
            "month" => "2026-12",
            _ => "00000000-0000-0000-0000-000000000000",
        });
}
