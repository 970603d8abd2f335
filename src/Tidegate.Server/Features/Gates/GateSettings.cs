using Tidegate.Domain.Gates;

namespace Tidegate.Server.Features.Gates;

/// <summary>
/// Gate and congestion settings: the entry window (<see cref="GateOptions"/>); Tidegate:Congestion:ComfortableCapacity (1500), ModeratePercent (50),
/// CrowdedPercent (80), VeryCrowdedPercent (100), DwellMinutes (120), ShowUpRate (1.0).
/// </summary>
public sealed record GateSettings(EntryWindow Window, CongestionSettings Congestion)
{
    public static GateSettings From(GateOptions gates, IConfiguration config)
    {
        var window = gates.Window;
        var congestion = config.GetSection("Tidegate:Congestion").Get<CongestionSettings>() ?? new CongestionSettings();
        return new GateSettings(window, congestion);
    }
}
