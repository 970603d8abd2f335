using Tidegate.Domain.Booking;
using Tidegate.Domain.Venue;

namespace Tidegate.Domain.Tests.Venue;

public class VenueEditsTests
{
    [Theory]
    [InlineData(0, null)]
    [InlineData(2600, null)]
    [InlineData(100_000, null)]
    [InlineData(-1, "weekendOrHoliday.child")]
    [InlineData(100_001, "weekendOrHoliday.child")]
    public void A_price_is_whole_yen_from_0_to_100000_and_a_refusal_names_its_field(int amount, string? refusedField)
    {
        var result = VenueEdits.Prices([(TicketType.Adult, DayKind.Weekday, 2400), (TicketType.Child, DayKind.WeekendOrHoliday, amount)]);
        if (refusedField is null)
            Assert.Equal(amount, result.Value![(TicketType.Child, DayKind.WeekendOrHoliday)]);
        else
            Assert.Equal(refusedField, result.Error!.Extra!["field"]);
    }

    [Fact]
    public void Prices_left_out_are_not_changed_but_at_least_one_is_needed()
    {
        var some = VenueEdits.Prices([(TicketType.Adult, DayKind.Weekday, 2500), (TicketType.Toddler, DayKind.Weekday, null)]);
        Assert.Equal([(TicketType.Adult, DayKind.Weekday)], some.Value!.Keys);
        Assert.Equal("invalid_request", VenueEdits.Prices([(TicketType.Adult, DayKind.Weekday, null)]).Error!.Code);
    }

    [Theory]
    [InlineData("天皇誕生日", "天皇誕生日")]
    [InlineData("  Founders' Day ", "Founders' Day")]
    [InlineData("", null)]
    [InlineData("   ", null)]
    [InlineData(null, null)]
    [InlineData("line\nbreak", null)]
    public void A_holiday_name_is_trimmed_and_must_say_something(string? name, string? expected)
    {
        var result = VenueEdits.HolidayName(name);
        if (expected is null) Assert.Equal("name", result.Error!.Extra!["field"]);
        else Assert.Equal(expected, result.Value);
    }

    [Fact]
    public void A_holiday_name_has_at_most_60_characters()
    {
        Assert.True(VenueEdits.HolidayName(new string('祝', 60)).IsOk);
        Assert.False(VenueEdits.HolidayName(new string('祝', 61)).IsOk);
    }
}
