using Tidegate.Domain.Booking;

namespace Tidegate.Domain.Venue;

/// <summary>A snapshot of everything the calendar rules need: standing rules, prices, holidays, overrides.</summary>
public sealed record VenueCalendar(
    VenueSettings Settings, VenueTime Time, PriceList Prices, IReadOnlyDictionary<DateOnly, DayOverride> Overrides)
{
    public DayPlan Day(DateOnly date) => DayPlan.For(date, Settings, Overrides.GetValueOrDefault(date));

    public IReadOnlyList<Slot> Slots(DateOnly date) => SlotGrid.For(Day(date), Settings);

    public CapacitySplit Capacity(DateOnly date) => CapacitySplit.Of(Day(date).SlotCapacity, Settings.BoxOfficePercent);

    /// <summary>True while visit date <paramref name="date"/> can be booked at all: its window is open and its last slot has not ended.</summary>
    public bool IsBookable(DateOnly date, DateTimeOffset now)
    {
        var slots = Slots(date);
        return slots.Count > 0 && now >= BookingWindow.OpensAt(date, Time) && now < Time.End(slots[^1]);
    }
}
