using System.Net;
using Microsoft.AspNetCore.Authorization;
using Tidegate.Server.Infrastructure.Auth;

namespace Tidegate.Server.Infrastructure.Telemetry;

/// <summary>
/// Who may read /metrics: staff with an admin or operator token, or a scraper inside one of
/// Tidegate:Telemetry:MetricsNetworks (the client's address as the server sees it, so behind a
/// proxy it is the forwarded address only when that proxy is trusted). Everyone else gets the
/// bearer scheme's 401 (no valid token) or 403 (a token of another role) as problem+json.
/// </summary>
public static class MetricsAccess
{
    public const string Policy = "Metrics";

    public static AuthorizationBuilder AddMetricsPolicy(this AuthorizationBuilder auth, IReadOnlyList<IPNetwork> networks) =>
        auth.AddPolicy(Policy, p => p.RequireAssertion(context =>
            context.User.IsInRole(Roles.Admin) || context.User.IsInRole(Roles.Operator) ||
            (context.Resource is HttpContext http && Inside(http.Connection.RemoteIpAddress, networks))));

    public static bool Inside(IPAddress? address, IReadOnlyList<IPNetwork> networks)
    {
        if (address is null || networks.Count == 0) return false;
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        foreach (var network in networks)
            if (network.Contains(address)) return true;
        return false;
    }
}
