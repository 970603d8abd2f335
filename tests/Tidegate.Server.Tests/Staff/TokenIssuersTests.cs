using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Tidegate.Server.Infrastructure.Auth;

namespace Tidegate.Server.Tests.Staff;

/// <summary>
/// "No endpoint outside /api/v1/dev issues a token without a password, a second factor where
/// required, or a registered device", checked over the app's own endpoint list, so a route added
/// later is checked too: every anonymous route is called with a real password of an admin without a
/// second factor (the most a leaked password gives), and whatever token comes back may not carry a
/// role; and the setup token that sign-in does give is refused by every role-protected route but
/// the setup ones.
/// </summary>
public partial class TokenIssuersTests
{
    private static readonly string[] Roles = ["admin", "operator", "analyst", "gate", "partner", "member"];

    [Theory, Engines]
    public async Task No_anonymous_route_gives_a_role_for_a_password_alone(string engine)
    {
        using var app = new TestApp(engine);
        await app.CreateStaffAsync("kai@example.com", "admin");
        var tokens = app.Get<Tokens>();
        var tried = new List<string>();
        string? setupToken = null;

        foreach (var (method, path, _, _) in Routes(app).Where(r => r.Anonymous))
        {
            var request = new HttpRequestMessage(new HttpMethod(method), path);
            if (method is "POST" or "PUT" or "PATCH")
                request.Content = System.Net.Http.Json.JsonContent.Create(new
                {
                    email = "kai@example.com", password = StaffClient.Password, otp = (string?)null, role = "admin", name = "east-1",
                });
            var response = await app.CreateClient().SendAsync(request);
            var text = await response.Content.ReadAsStringAsync()
                + string.Join("\n", response.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : []);
            tried.Add($"{method} {path}");
            Assert.False(DeviceToken().IsMatch(text), $"{method} {path} gave a device token"); // they come only from the registry (role-protected)
            foreach (Match token in BearerToken().Matches(text))
            {
                var claims = tokens.Verify(token.Value);
                Assert.True(claims is null || !Roles.Contains(claims.Role), $"{method} {path} gave a {claims?.Role} token for a password alone");
                if (claims?.Role == Infrastructure.Auth.Roles.StaffSetup) setupToken = token.Value;
            }
        }
        Assert.Contains("POST /api/v1/staff/session", tried);
        Assert.NotNull(setupToken); // the check sees tokens: sign-in did answer one, a setup token
        Assert.DoesNotContain(tried, t => t.Contains("/api/v1/dev", StringComparison.Ordinal));
    }

    [Theory, Engines]
    public async Task A_setup_token_is_refused_by_every_role_protected_route_but_the_setup_ones(string engine)
    {
        using var app = new TestApp(engine);
        await app.CreateStaffAsync("kai@example.com", "admin");
        var body = await app.SignInAsync("kai@example.com").ExpectJson(HttpStatusCode.OK);
        var setup = app.Bearer((string)body["token"]!);
        var checkedRoutes = 0;

        foreach (var (method, path, policies, _) in Routes(app).Where(r => !r.Anonymous && r.Path.StartsWith("/api/", StringComparison.Ordinal)))
        {
            if (policies.Split(' ').Contains(Policies.StaffSetup)) continue;
            var request = new HttpRequestMessage(new HttpMethod(method), path);
            if (method is "POST" or "PUT" or "PATCH") request.Content = System.Net.Http.Json.JsonContent.Create(new { });
            var response = await setup.SendAsync(request);
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{method} {path} answered {(int)response.StatusCode} to a setup token");
            checkedRoutes++;
        }
        Assert.True(checkedRoutes > 15, $"only {checkedRoutes} role-protected routes found");
    }

    /// <summary>Every route the app maps (API and pages), outside the dev tools, with sample values in its parameters.</summary>
    private static IEnumerable<(string Method, string Path, string Policies, bool Anonymous)> RoutesWithPolicies(TestApp app)
    {
        foreach (var endpoint in app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var path = "/" + Parameter().Replace(endpoint.RoutePattern.RawText!.TrimStart('/'), m => Sample(m.Groups[1].Value));
            if (path.StartsWith("/api/v1/dev", StringComparison.Ordinal)) continue;
            var authorize = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>();
            var anonymous = authorize.Count == 0 || endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;
            var policies = string.Join(' ', authorize.Select(a => a.Policy ?? ""));
            var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET", "POST"];
            foreach (var method in methods.Where(m => m != "HEAD" && m != "OPTIONS")) yield return (method, path, policies, anonymous);
        }
    }

    private static IEnumerable<(string Method, string Path, string Policies, bool Anonymous)> Routes(TestApp app) =>
        RoutesWithPolicies(app).Distinct();

    private static string Sample(string name) => name.ToLowerInvariant() switch
    {
        "date" => "2026-12-20",
        var n when n.Contains("provider", StringComparison.Ordinal) => "stripe",
        var n when n.Contains("lang", StringComparison.Ordinal) => "en",
        _ => "0196a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b",
    };

    [GeneratedRegex(@"\{\*?([A-Za-z]+)[^}]*\}")]
    private static partial Regex Parameter();

    [GeneratedRegex(@"tgd1\.[A-Za-z0-9_-]{20,}")]
    private static partial Regex DeviceToken();

    [GeneratedRegex(@"tg1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+")]
    private static partial Regex BearerToken();
}
