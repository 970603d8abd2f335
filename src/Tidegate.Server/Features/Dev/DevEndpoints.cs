using Tidegate.Domain.Common;
using Tidegate.Server.Infrastructure;
using Tidegate.Server.Infrastructure.Auth;

namespace Tidegate.Server.Features.Dev;

/// <summary>Development and test support (API.md); mapped only when Tidegate:DevTools is true.</summary>
public static class DevEndpoints
{
    public sealed record ClockRequest(DateTimeOffset? Now);
    public sealed record TokenRequest(string? Role, string? Subject);

    public static IEndpointRouteBuilder MapDevTools(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/dev");
        group.MapPut("/clock", async (HttpRequest http, AppClock clock, Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json) =>
        {
            var body = await JsonBody.ReadAsync<ClockRequest>(http, json.Value.SerializerOptions);
            if (!body.IsOk) return Problems.From(body.Error);
            if (body.Value.Now is not { } now) return Problems.Invalid("now", "'now' must be an ISO 8601 instant with offset.");
            clock.Set(now);
            return TypedResults.Ok(new { now = clock.GetUtcNow() });
        });
        group.MapGet("/clock", (AppClock clock) => TypedResults.Ok(new { now = clock.GetUtcNow() }));
        group.MapPost("/token", async (HttpRequest http, Tokens tokens, Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json) =>
        {
            var body = await JsonBody.ReadAsync<TokenRequest>(http, json.Value.SerializerOptions);
            if (!body.IsOk) return Problems.From(body.Error);
            if (body.Value.Role is not { } role || !Roles.All.Contains(role))
                return Problems.Invalid("role", $"'role' must be one of: {string.Join(", ", Roles.All)}.");
            var subject = body.Value.Subject ?? $"dev-{role}";
            return TypedResults.Ok(new { token = tokens.Issue(role, subject, TimeSpan.FromHours(12)) });
        });
        return app;
    }

    public static Error Disabled => new(ErrorCodes.NotFound, "Not found.");
}
