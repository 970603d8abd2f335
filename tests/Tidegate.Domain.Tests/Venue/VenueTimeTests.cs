using Tidegate.Domain.Venue;

namespace Tidegate.Domain.Tests.Venue;

/// <summary>CI runs this project again under other TZ values; none of these may depend on the server's zone.</summary>
public class VenueTimeTests
{
    private static readonly VenueTime Tokyo = VenueTime.Of("Asia/Tokyo");

    [Theory]
    [InlineData("2026-11-19T15:00:00+00:00", "2026-11-20")]
    [InlineData("2026-11-19T14:59:59+00:00", "2026-11-19")]
    [InlineData("2026-12-31T15:30:00+00:00", "2027-01-01")]
    [InlineData("2026-11-19T10:00:00-05:00", "2026-11-20")]
    public void Today_is_the_venue_date(string instant, string date)
    {
        Assert.Equal(DateOnly.Parse(date), Tokyo.Today(DateTimeOffset.Parse(instant)));
    }

    [Fact]
    public void Slot_instants_carry_the_venue_offset()
    {
        var start = Tokyo.Start(new Slot(new DateOnly(2026, 12, 20), new TimeOnly(10, 0), new TimeOnly(10, 15)));
        Assert.Equal(TimeSpan.FromHours(9), start.Offset);
        Assert.Equal(new DateTimeOffset(2026, 12, 20, 1, 0, 0, TimeSpan.Zero), start.ToUniversalTime());
    }

    [Fact]
    public void A_venue_in_a_zone_with_daylight_saving_keeps_its_wall_clock()
    {
        var berlin = VenueTime.Of("Europe/Berlin");
        Assert.Equal(TimeSpan.FromHours(1), berlin.At(new DateOnly(2026, 12, 20), new TimeOnly(10, 0)).Offset);
        Assert.Equal(TimeSpan.FromHours(2), berlin.At(new DateOnly(2026, 7, 20), new TimeOnly(10, 0)).Offset);
    }
}
