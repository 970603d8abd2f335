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
        group.MapPut("/clock", (Body<ClockRequest> body, AppClock clock) =>
        {
            if (body.Value.Now is not { } now) return Problems.Invalid("now", "'now' must be an ISO 8601 instant with offset.");
            clock.Set(now);
            return TypedResults.Ok(new { now = clock.GetUtcNow() });
        }).WithBody<ClockRequest>();
        group.MapGet("/clock", (AppClock clock) => TypedResults.Ok(new { now = clock.GetUtcNow() }));
        group.MapPost("/token", (Body<TokenRequest> body, Tokens tokens) =>
        {
            if (body.Value.Role is not { } role || !Roles.All.Contains(role))
                return Problems.Invalid("role", $"'role' must be one of: {string.Join(", ", Roles.All)}.");
            var subject = body.Value.Subject ?? $"dev-{role}";
            return TypedResults.Ok(new { token = tokens.Issue(role, subject, TimeSpan.FromHours(12)) });
        }).WithBody<TokenRequest>();
        return app;
    }

    public static Error Disabled => new(ErrorCodes.NotFound, "Not found.");
}
