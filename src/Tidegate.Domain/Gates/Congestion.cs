namespace Tidegate.Domain.Gates;

/// <summary>How crowded the building feels, against a comfortable capacity and thresholds (percent), from configuration.</summary>
public sealed record CongestionSettings(int ComfortableCapacity = 1500, int ModeratePercent = 50, int CrowdedPercent = 80,
    int VeryCrowdedPercent = 100, int DwellMinutes = 120, double ShowUpRate = 1.0);

public static class Congestion
{
    public const string Low = "low";
    public const string Moderate = "moderate";
    public const string Crowded = "crowded";
    public const string VeryCrowded = "very_crowded";

    public static string Level(int inside, CongestionSettings settings)
    {
        var percent = settings.ComfortableCapacity <= 0 ? 100.0 : 100.0 * inside / settings.ComfortableCapacity;
        return percent >= settings.VeryCrowdedPercent ? VeryCrowded
            : percent >= settings.CrowdedPercent ? Crowded
            : percent >= settings.ModeratePercent ? Moderate
            : Low;
    }

    /// <summary>
    /// Expected persons inside at <paramref name="at"/>: booked persons of the slots that started in
    /// the dwell time before it, times the show-up rate (a first forecast; no history yet).
    /// </summary>
    public static int Expected(IEnumerable<Entry> bookedBySlotStart, DateTimeOffset at, CongestionSettings settings)
    {
        var dwell = TimeSpan.FromMinutes(settings.DwellMinutes);
        var persons = bookedBySlotStart.Where(b => b.At <= at && b.At > at - dwell).Sum(b => b.Persons);
        return (int)Math.Round(persons * settings.ShowUpRate);
    }
}
