using Tidegate.Domain.Common;
using Tidegate.Domain.Venue;

namespace Tidegate.Domain.Tests.Venue;

public class DayChangeTests
{
    private static readonly VenueSettings Venue = new(); // 10:00–18:00, last entry 17:00: 28 slots 10:00 … 16:45
    private static readonly DateOnly Date = new(2026, 12, 20);

    private static Result<DayChange> Check(bool open, string? opens, string? closes, DayOverride? current = null) =>
        DayChange.Check(Date, open, opens is null ? null : TimeOnly.Parse(opens), closes is null ? null : TimeOnly.Parse(closes), Venue, current);

    [Theory]
    [InlineData(true, "10:00", "18:00", 28, 0, 0)]
    [InlineData(true, "10:00", "17:00", 24, 4, 0)]   // 16:00 … 16:45 go
    [InlineData(true, "11:00", "18:00", 24, 4, 0)]   // 10:00 … 10:45 go
    [InlineData(true, "09:00", "19:00", 36, 0, 8)]
    [InlineData(false, null, null, 0, 28, 0)]
    [InlineData(true, null, null, 28, 0, 0)]        // open with the standing hours
    public void The_new_grid_and_the_slots_it_removes_and_adds(bool open, string? opens, string? closes, int slots, int removed, int added)
    {
        var change = Check(open, opens, closes);
        Assert.True(change.IsOk);
        Assert.Equal((slots, removed, added), (change.Value.Grid.Count, change.Value.Removed.Count, change.Value.Added.Count));
        Assert.Equal(!open, change.Value.Override.Closed);
    }

    [Fact]
    public void Reopening_a_closed_day_adds_every_slot_and_keeps_its_capacity_override()
    {
        var change = Check(true, "10:00", "18:00", new DayOverride(Date, true, null, null, 120));
        Assert.True(change.IsOk);
        Assert.Equal((28, 0, 28), (change.Value.Grid.Count, change.Value.Removed.Count, change.Value.Added.Count));
        Assert.Equal(120, change.Value.Plan.SlotCapacity);
    }

    [Theory]
    [InlineData("18:00", "10:00")]
    [InlineData("10:00", "10:00")]
    [InlineData("10:00", "11:00")] // last entry 10:00: no slot
    public void Hours_that_leave_no_slot_are_refused(string opens, string closes)
    {
        var change = Check(true, opens, closes);
        Assert.False(change.IsOk);
        Assert.Equal(ErrorCodes.InvalidRequest, change.Error.Code);
    }
}
