using System.ComponentModel.DataAnnotations;

namespace Tidegate.Server.Features.Devices;

public sealed class DeviceOptions
{
    public const string Section = "Tidegate:Devices";

    /// <summary>How often each instance reads device_revision (a revoked device is refused everywhere within this) and writes last-seen times.</summary>
    [Range(50, 60_000)] public int RevisionPollMilliseconds { get; set; } = 1000;
}
