namespace Tidegate.Domain.Venue;

/// <summary>
/// The venue's standing rules. At run time they are the venue row's (VenueStore → VenueCalendar.Settings),
/// the one source of each number. The defaults below are the Sameshine Aquarium's (SPEC §3) and are
/// written nowhere else: they seed the row of an empty database, with any Tidegate:Venue overrides.
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
