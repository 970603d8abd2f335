using Tidegate.Domain.Gates;

namespace Tidegate.Domain.Tests.Gates;

public class OccupancyTests
{
    private static readonly DateTimeOffset Noon = DateTimeOffset.Parse("2026-12-20T12:00:00+09:00");
    private static readonly TimeSpan Dwell = TimeSpan.FromMinutes(120);

    private static Entry At(string time, int persons) => new(DateTimeOffset.Parse($"2026-12-20T{time}:00+09:00"), persons);

    [Theory]
    [InlineData(0, 10)]  // no exit counted: nobody has stayed past the dwell time yet
    [InlineData(4, 6)]   // counted exits
    [InlineData(12, 0)]  // more exits counted than entries: never below zero
    public void Inside_is_entries_minus_exits(int exits, int inside)
    {
        Assert.Equal(inside, Occupancy.Inside([At("10:30", 4), At("11:00", 6)], exits, Noon, Dwell));
    }

    [Theory]
    [InlineData(0, 6)]   // missing exits: the 09:45 party is presumed gone after 120 minutes
    [InlineData(2, 6)]   // fewer exits than the estimate: the estimate wins
    [InlineData(7, 3)]   // more exits than the estimate: the counts win
    public void The_dwell_time_estimates_missing_exits(int exits, int inside)
    {
        Assert.Equal(inside, Occupancy.Inside([At("09:45", 4), At("11:00", 6)], exits, Noon, Dwell));
    }

    [Fact]
    public void Entries_after_now_do_not_count()
    {
        Assert.Equal(4, Occupancy.Inside([At("11:00", 4), At("12:30", 6)], 0, Noon, Dwell));
    }

    [Theory]
    [InlineData(0, "low")]
    [InlineData(749, "low")]
    [InlineData(750, "moderate")]
    [InlineData(1199, "moderate")]
    [InlineData(1200, "crowded")]
    [InlineData(1499, "crowded")]
    [InlineData(1500, "very_crowded")]
    [InlineData(3000, "very_crowded")]
    public void The_level_follows_the_thresholds_of_the_comfortable_capacity(int inside, string level)
    {
        Assert.Equal(level, Congestion.Level(inside, new CongestionSettings()));
    }

    [Fact]
    public void Thresholds_come_from_configuration()
    {
        Assert.Equal("crowded", Congestion.Level(60, new CongestionSettings(ComfortableCapacity: 100, CrowdedPercent: 60)));
    }

    [Fact]
    public void The_forecast_counts_booked_slots_within_the_dwell_time()
    {
        var booked = new[] { At("09:45", 100), At("10:15", 200), At("11:45", 50), At("12:15", 70) };
        Assert.Equal(250, Congestion.Expected(booked, Noon, new CongestionSettings()));
        Assert.Equal(225, Congestion.Expected(booked, Noon, new CongestionSettings(ShowUpRate: 0.9)));
    }
}
