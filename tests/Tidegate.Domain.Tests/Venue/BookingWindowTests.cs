using Tidegate.Domain.Venue;

namespace Tidegate.Domain.Tests.Venue;

public class BookingWindowTests
{
    private static readonly VenueTime Tokyo = VenueTime.Of("Asia/Tokyo");

    [Theory]
    [InlineData("2026-12-20", "2026-11-20T00:00:00+09:00")]
    [InlineData("2027-03-31", "2027-02-28T00:00:00+09:00")] // no 31 Feb: last day of February
    [InlineData("2027-03-30", "2027-02-28T00:00:00+09:00")]
    [InlineData("2027-03-29", "2027-02-28T00:00:00+09:00")]
    [InlineData("2027-03-28", "2027-02-28T00:00:00+09:00")]
    [InlineData("2028-03-30", "2028-02-29T00:00:00+09:00")] // leap year
    [InlineData("2028-03-29", "2028-02-29T00:00:00+09:00")]
    [InlineData("2027-01-15", "2026-12-15T00:00:00+09:00")] // across the year
    [InlineData("2027-05-31", "2027-04-30T00:00:00+09:00")]
    [InlineData("2027-07-31", "2027-06-30T00:00:00+09:00")]
    [InlineData("2027-03-01", "2027-02-01T00:00:00+09:00")]
    public void Window_opens_at_midnight_venue_time_one_calendar_month_ahead(string visit, string opens)
    {
        Assert.Equal(DateTimeOffset.Parse(opens), BookingWindow.OpensAt(DateOnly.Parse(visit), Tokyo));
    }

    [Fact]
    public void Opening_instant_is_in_venue_time_whatever_the_server_zone()
    {
        var opens = BookingWindow.OpensAt(new DateOnly(2026, 12, 20), Tokyo);
        Assert.Equal(new DateTimeOffset(2026, 11, 19, 15, 0, 0, TimeSpan.Zero), opens.ToUniversalTime());
    }

    [Theory]
    [InlineData("2026-11-20T00:00:00+09:00", "2026-12-20")]
    [InlineData("2026-11-19T23:59:59+09:00", "2026-12-19")]
    [InlineData("2027-02-28T00:00:00+09:00", "2027-03-31")] // one opening day opens 28-31 March
    [InlineData("2027-02-27T12:00:00+09:00", "2027-03-27")]
    [InlineData("2026-11-19T15:00:00+00:00", "2026-12-20")] // an instant given in UTC
    public void Last_open_date_follows_the_window(string now, string lastOpen)
    {
        Assert.Equal(DateOnly.Parse(lastOpen), BookingWindow.LastOpenDate(DateTimeOffset.Parse(now), Tokyo));
    }
}
