using Tidegate.Domain.Gates;

namespace Tidegate.Server.Features.Gates;

/// <summary>
/// Gate and congestion settings from configuration: Tidegate:Gates:EntryBeforeMinutes (15),
/// EntryAfterMinutes (30); Tidegate:Congestion:ComfortableCapacity (1500), ModeratePercent (50),
/// CrowdedPercent (80), VeryCrowdedPercent (100), DwellMinutes (120), ShowUpRate (1.0).
/// </summary>
public sealed record GateSettings(EntryWindow Window, CongestionSettings Congestion)
{
    public static GateSettings From(IConfiguration config)
    {
        var gates = config.GetSection("Tidegate:Gates");
        var window = new EntryWindow(gates.GetValue("EntryBeforeMinutes", 15), gates.GetValue("EntryAfterMinutes", 30));
        var congestion = config.GetSection("Tidegate:Congestion").Get<CongestionSettings>() ?? new CongestionSettings();
        return new GateSettings(window, congestion);
    }
}
