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

    /// <summary>The forwarded-headers options for exactly the configured proxies, or null when there are none.</summary>
    public static ForwardedHeadersOptions? Options(IConfiguration config)
    {
        var networks = AddressList.Read(config, Key);
        if (networks.Count == 0) return null;
        var options = new ForwardedHeadersOptions
        {
            ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto,
            // Walk back through every trusted hop (CDN → load balancer → here); the first untrusted
            // address is the client, and whatever it claimed before that is ignored.
            ForwardLimit = null,
        };
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var network in networks) options.KnownIPNetworks.Add(network); // a single proxy is a network of one
        return options;
    }
}
