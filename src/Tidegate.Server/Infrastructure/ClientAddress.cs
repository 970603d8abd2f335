using System.Net;
using System.Net.Sockets;

namespace Tidegate.Server.Infrastructure;

/// <summary>
/// The client's address as the flood guard counts it: an IPv4 address as is, an IPv6 address by
/// its network prefix (/64 by default: one subscriber's whole allocation, which a client can cycle
/// through at will). Behind trusted proxies this is the forwarded client, not the proxy.
/// </summary>
public static class ClientAddress
{
    public static string GroupOf(IPAddress? address, int ipv6PrefixLength = 64)
    {
        if (address is null) return "unknown";
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (address.AddressFamily != AddressFamily.InterNetworkV6) return address.ToString();
        var bytes = address.GetAddressBytes();
        for (var bit = ipv6PrefixLength; bit < 128; bit++) bytes[bit / 8] &= (byte)~(0x80 >> (bit % 8));
        return $"{new IPAddress(bytes)}/{ipv6PrefixLength}";
    }
}
