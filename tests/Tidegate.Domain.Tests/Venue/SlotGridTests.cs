using Tidegate.Domain.Venue;

namespace Tidegate.Domain.Tests.Venue;

public class SlotGridTests
{
    private static readonly VenueSettings Sameshine = new();
    private static readonly DateOnly Day = new(2026, 12, 20);

    [Fact]
    public void Default_hours_give_28_slots_from_opening_to_last_entry()
    {
        var slots = SlotGrid.For(DayPlan.For(Day, Sameshine, null), Sameshine);
        Assert.Equal(28, slots.Count);
        Assert.Equal(new TimeOnly(10, 0), slots[0].Start);
        Assert.Equal(new TimeOnly(10, 15), slots[0].End);
        Assert.Equal(new TimeOnly(16, 45), slots[^1].Start);
        Assert.Equal(new TimeOnly(17, 0), slots[^1].End); // ends at last entry, closing − 60 min
    }

    [Theory]
    [InlineData("09:00", "20:00", 40, "09:00", "18:45")]
    [InlineData("10:00", "12:00", 4, "10:00", "10:45")]
    [InlineData("10:00", "11:00", 0, null, null)] // closes before any entry
    [InlineData("10:10", "18:00", 27, "10:10", "16:40")]
    public void Override_hours_reshape_the_grid(string opens, string closes, int count, string? first, string? last)
    {
        var change = new DayOverride(Day, false, TimeOnly.Parse(opens), TimeOnly.Parse(closes), null);
        var slots = SlotGrid.For(DayPlan.For(Day, Sameshine, change), Sameshine);
        Assert.Equal(count, slots.Count);
        if (first is not null) Assert.Equal(TimeOnly.Parse(first), slots[0].Start);
        if (last is not null) Assert.Equal(TimeOnly.Parse(last), slots[^1].Start);
    }

    [Fact]
    public void A_closed_day_has_no_slots()
    {
        var plan = DayPlan.For(Day, Sameshine, new DayOverride(Day, true, null, null, null));
        Assert.False(plan.IsOpen);
        Assert.Empty(SlotGrid.For(plan, Sameshine));
    }

    [Theory]
    [InlineData("10:00", true)]
    [InlineData("16:45", true)]
    [InlineData("17:00", false)]
    [InlineData("09:45", false)]
    [InlineData("10:07", false)]
    public void Find_accepts_only_grid_starts(string start, bool found)
    {
        Assert.Equal(found, SlotGrid.Find(DayPlan.For(Day, Sameshine, null), Sameshine, TimeOnly.Parse(start)) is not null);
    }

    [Theory]
    [InlineData(300, 10, 270, 30)]
    [InlineData(100, 0, 100, 0)]
    [InlineData(7, 10, 7, 0)]
    [InlineData(250, 20, 200, 50)]
    public void Capacity_keeps_the_box_office_share(int total, int percent, int online, int boxOffice)
    {
        Assert.Equal(new CapacitySplit(total, online, boxOffice), CapacitySplit.Of(total, percent));
    }

    [Theory]
    [InlineData(270, 270, "low")]
    [InlineData(270, 136, "low")]
    [InlineData(270, 135, "moderate")]
    [InlineData(270, 54, "crowded")]
    [InlineData(270, 0, "full")]
    public void Level_grows_with_what_is_sold(int capacity, int remaining, string level)
    {
        Assert.Equal(level, SlotLevel.Of(capacity, remaining));
    }
}
