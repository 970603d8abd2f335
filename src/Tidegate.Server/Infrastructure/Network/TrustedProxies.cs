using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Tidegate.Server.Infrastructure.Network;

/// <summary>
/// Tidegate:Network:TrustedProxies (addresses or CIDR ranges, as an array or one comma-separated
/// value): only requests arriving from these have their X-Forwarded-For and X-Forwarded-Proto
/// honoured. The framework's defaults (loopback) are cleared, so with none configured the headers
/// are ignored from everyone, and a spoofed X-Forwarded-For from any other address changes nothing.
/// </summary>
public static class TrustedProxies
{
    public const string Key = "Tidegate:Network:TrustedProxies";

    public static IReadOnlyList<string> Entries(IConfiguration config)
    {
        var section = config.GetSection(Key);
        var values = section.Value is { Length: > 0 } single ? [single] : section.GetChildren().Select(c => c.Value ?? "");
        return values.SelectMany(v => v.Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
    }

    /// <summary>The forwarded-headers options for exactly the configured proxies, or null when there are none.</summary>
    public static ForwardedHeadersOptions? Options(IConfiguration config)
    {
        var entries = Entries(config);
        if (entries.Count == 0) return null;
        var options = new ForwardedHeadersOptions
        {
            ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto,
            // Walk back through every trusted hop (CDN → load balancer → here); the first untrusted
            // address is the client, and whatever it claimed before that is ignored.
            ForwardLimit = null,
        };
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var entry in entries)
        {
            if (entry.Contains('/') && System.Net.IPNetwork.TryParse(entry, out var network)) options.KnownIPNetworks.Add(network);
            else if (!entry.Contains('/') && IPAddress.TryParse(entry, out var address)) options.KnownProxies.Add(address);
            else throw new InvalidOperationException($"{Key}: '{entry}' is neither an IP address nor a CIDR range (e.g. 10.0.0.0/16).");
        }
        return options;
    }
}
