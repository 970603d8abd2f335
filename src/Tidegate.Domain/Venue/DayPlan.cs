namespace Tidegate.Domain.Venue;

/// <summary>An operator's change to one date: closed, other hours, or another slot capacity.</summary>
public sealed record DayOverride(DateOnly Date, bool Closed, TimeOnly? Opens, TimeOnly? Closes, int? SlotCapacity);

/// <summary>How one date runs once the standing rules and that date's override are combined.</summary>
public sealed record DayPlan(DateOnly Date, bool IsOpen, TimeOnly Opens, TimeOnly Closes, int SlotCapacity)
{
    public static DayPlan For(DateOnly date, VenueSettings venue, DayOverride? change)
    {
        if (change is { Closed: true })
            return new DayPlan(date, false, venue.Opens, venue.Closes, 0);
        return new DayPlan(
            date,
            true,
            change?.Opens ?? venue.Opens,
            change?.Closes ?? venue.Closes,
            change?.SlotCapacity ?? venue.SlotCapacity);
    }
}
