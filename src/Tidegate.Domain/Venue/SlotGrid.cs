namespace Tidegate.Domain.Venue;

/// <summary>The slot grid of a day: from opening, every SlotMinutes, the last one ending at last entry.</summary>
public static class SlotGrid
{
    public static IReadOnlyList<Slot> For(DayPlan day, VenueSettings venue)
    {
        if (!day.IsOpen) return [];
        var lastEntry = day.Closes.Hour * 60 + day.Closes.Minute - venue.LastEntryMinutesBeforeClose;
        var slots = new List<Slot>();
        for (var start = day.Opens.Hour * 60 + day.Opens.Minute;
             start + venue.SlotMinutes <= lastEntry;
             start += venue.SlotMinutes)
        {
            slots.Add(new Slot(day.Date, AtMinute(start), AtMinute(start + venue.SlotMinutes)));
        }
        return slots;
    }

    /// <summary>The slot starting at <paramref name="start"/>, or null when it is not on the grid.</summary>
    public static Slot? Find(DayPlan day, VenueSettings venue, TimeOnly start)
    {
        foreach (var slot in For(day, venue))
            if (slot.Start == start) return slot;
        return null;
    }

    public static TimeOnly AtMinute(int minute) => new(minute / 60 % 24, minute % 60);
}
