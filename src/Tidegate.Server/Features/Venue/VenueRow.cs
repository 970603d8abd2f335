using Tidegate.Domain.Venue;

namespace Tidegate.Server.Features.Venue;

/// <summary>The venue table's one row, mapped to and from the domain's settings.</summary>
public sealed class VenueRow
{
    public string Id { get; set; } = "venue";
    public string Name { get; set; } = "";
    public string TimeZone { get; set; } = "";
    public string Opens { get; set; } = "";
    public string Closes { get; set; } = "";
    public long SlotMinutes { get; set; }
    public long LastEntryMinutes { get; set; }
    public long SlotCapacity { get; set; }
    public long BoxOfficePercent { get; set; }
    public long HoldMinutes { get; set; }
    public long MaxPartySize { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    public VenueSettings ToSettings() => new()
    {
        Name = Name, TimeZone = TimeZone, Opens = TimeOnly.Parse(Opens), Closes = TimeOnly.Parse(Closes),
        SlotMinutes = (int)SlotMinutes, LastEntryMinutesBeforeClose = (int)LastEntryMinutes, SlotCapacity = (int)SlotCapacity,
        BoxOfficePercent = (int)BoxOfficePercent, HoldMinutes = (int)HoldMinutes, MaxPartySize = (int)MaxPartySize,
    };

    public static VenueRow From(VenueSettings s, DateTimeOffset createdAt) => new()
    {
        Name = s.Name, TimeZone = s.TimeZone, Opens = s.Opens.ToString("HH:mm"), Closes = s.Closes.ToString("HH:mm"),
        SlotMinutes = s.SlotMinutes, LastEntryMinutes = s.LastEntryMinutesBeforeClose, SlotCapacity = s.SlotCapacity,
        BoxOfficePercent = s.BoxOfficePercent, HoldMinutes = s.HoldMinutes, MaxPartySize = s.MaxPartySize, CreatedAt = createdAt,
    };
}
