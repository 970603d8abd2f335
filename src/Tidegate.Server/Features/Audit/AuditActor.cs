using System.Security.Claims;

namespace Tidegate.Server.Features.Audit;

/// <summary>Who did it: a signed-in caller (staff id or token subject, and role), or the system itself (a command, the demo).</summary>
public sealed record AuditActor(string Id, string Role)
{
    public static AuditActor Of(ClaimsPrincipal user) =>
        new(user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "unknown", user.FindFirstValue(ClaimTypes.Role) ?? "unknown");

    /// <summary>Something run on the server without a signed-in person, e.g. <c>staff create</c>.</summary>
    public static AuditActor System(string name) => new(name, "system");

    public AuditEvent Did(string action, string target, string detail = "") => new(Id, Role, action, target, detail);
}

/// <summary>The names of the people behind actor ids, for showing the log; Staff implements it (Audit uses no feature).</summary>
public interface IActorNames
{
    /// <summary>Display names by actor id (staff id); actors not listed are shown by their id.</summary>
    Task<IReadOnlyDictionary<string, string>> NamesAsync(CancellationToken ct);
}
