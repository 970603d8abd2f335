namespace Tidegate.Domain.Venue;

/// <summary>
/// The venue's standing rules. Defaults are the Sameshine Aquarium's (SPEC §3); every deployment
/// overrides them by configuration or the operator console.
/// </summary>
public sealed record VenueSettings
{
    public string Name { get; init; } = "Sameshine Aquarium";
    public string TimeZone { get; init; } = "Asia/Tokyo";
    public TimeOnly Opens { get; init; } = new(10, 0);
    public TimeOnly Closes { get; init; } = new(18, 0);
    public int SlotMinutes { get; init; } = 15;
    /// <summary>Last entry is this many minutes before closing; the last slot ends there.</summary>
    public int LastEntryMinutesBeforeClose { get; init; } = 60;
    public int SlotCapacity { get; init; } = 300;
    /// <summary>Share of each slot kept for same-day walk-ins at the box office.</summary>
    public int BoxOfficePercent { get; init; } = 10;
    public int HoldMinutes { get; init; } = 10;
    public int MaxPartySize { get; init; } = 10;
}
