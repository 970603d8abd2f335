namespace Tidegate.Server.Infrastructure.Auth;

/// <summary>
/// Registered devices' bearer tokens ("tgd1." + a random secret), a port that the Devices feature
/// implements from its in-memory map of active devices: no database read per request.
/// </summary>
public interface IDeviceTokens
{
    public const string Prefix = "tgd1.";
    public const string DeviceIdClaim = "tidegate:device";
    public const string DeviceKindClaim = "tidegate:device-kind";

    /// <summary>The active device holding <paramref name="token"/>, or null (unknown or revoked).</summary>
    ValueTask<DeviceIdentity?> FindAsync(string token, CancellationToken ct);
}

public sealed record DeviceIdentity(string DeviceId, string Name, string? Lane, string Kind);
