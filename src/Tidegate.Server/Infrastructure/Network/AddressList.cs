using System.Net;

namespace Tidegate.Server.Infrastructure.Network;

/// <summary>
/// A configured list of addresses and CIDR ranges (an array, or one value separated by commas,
/// spaces or semicolons), each read as a network: a single address is a network of one. Shared by
/// the trusted proxies and the networks that may read /metrics; a bad entry stops the start.
/// </summary>
public static class AddressList
{
    public static IReadOnlyList<IPNetwork> Read(IConfiguration config, string key)
    {
        var section = config.GetSection(key);
        var values = section.Value is { Length: > 0 } single ? [single] : section.GetChildren().Select(c => c.Value ?? "");
        return values.SelectMany(v => v.Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Select(entry => Parse(key, entry)).ToList();
    }

    private static IPNetwork Parse(string key, string entry)
    {
        if (entry.Contains('/') && IPNetwork.TryParse(entry, out var network)) return network;
        if (!entry.Contains('/') && IPAddress.TryParse(entry, out var address)) return new IPNetwork(address, address.GetAddressBytes().Length * 8);
        throw new InvalidOperationException($"{key}: '{entry}' is neither an IP address nor a CIDR range (e.g. 10.0.0.0/16).");
    }
}
