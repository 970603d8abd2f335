using Tidegate.Domain.Booking;
using Tidegate.Domain.Common;
using Tidegate.Domain.Venue;

namespace Tidegate.Domain.Tests.Booking;

public class HoldRulesTests
{
    private static readonly VenueSettings Venue = new();
    private static readonly VenueTime Tokyo = VenueTime.Of("Asia/Tokyo");
    private static readonly PriceList Prices = PriceList.SameshineDefaults();
    private static readonly DateOnly Visit = new(2026, 12, 20);

    private static Result<HoldTerms> Check(string now, string start = "10:30", TicketCounts? tickets = null, DayOverride? change = null) =>
        HoldRules.Check(Venue, DayPlan.For(Visit, Venue, change), Prices, Tokyo, TimeOnly.Parse(start),
            tickets ?? new TicketCounts(2, 1, 0, 0), DateTimeOffset.Parse(now));

    [Fact]
    public void A_valid_request_holds_for_ten_minutes_at_the_right_price()
    {
        var result = Check("2026-11-20T00:00:00+09:00");
        Assert.True(result.IsOk);
        Assert.Equal(3, result.Value.Persons);
        Assert.Equal(6500, result.Value.Amount);
        Assert.Equal(DateTimeOffset.Parse("2026-11-20T00:10:00+09:00"), result.Value.ExpiresAt);
        Assert.Equal(DateTimeOffset.Parse("2026-12-20T10:30:00+09:00"), result.Value.SlotStart);
        Assert.Equal(270, result.Value.Capacity.Online);
    }

    [Theory]
    [InlineData("2026-11-19T23:59:59+09:00", "10:30", ErrorCodes.BookingNotOpen)]
    [InlineData("2026-12-20T10:45:00+09:00", "10:30", ErrorCodes.BookingClosed)] // the slot has ended
    [InlineData("2026-12-21T09:00:00+09:00", "10:30", ErrorCodes.BookingClosed)] // the day is over
    [InlineData("2026-11-20T00:00:00+09:00", "17:00", ErrorCodes.InvalidSlot)]   // after last entry
    [InlineData("2026-11-20T00:00:00+09:00", "10:20", ErrorCodes.InvalidSlot)]   // off the grid
    [InlineData("2026-11-20T00:00:00+09:00", "09:45", ErrorCodes.InvalidSlot)]   // before opening
    public void Refusals_carry_the_contract_code(string now, string start, string code)
    {
        Assert.Equal(code, Check(now, start).Error?.Code);
    }

    [Fact]
    public void A_slot_can_be_booked_until_it_ends()
    {
        Assert.True(Check("2026-12-20T10:44:59+09:00").IsOk);
    }

    [Fact]
    public void Not_open_says_when_it_opens()
    {
        var error = Check("2026-11-19T12:00:00+09:00").Error!;
        Assert.Equal(DateTimeOffset.Parse("2026-11-20T00:00:00+09:00"), error.Extra!["bookingOpensAt"]);
    }

    [Fact]
    public void A_closed_day_is_refused()
    {
        Assert.Equal(ErrorCodes.VenueClosed, Check("2026-11-20T00:00:00+09:00", change: new DayOverride(Visit, true, null, null, null)).Error?.Code);
    }

    [Theory]
    [InlineData(0, 0, 0, 0)]
    [InlineData(11, 0, 0, 0)]
    [InlineData(4, 4, 2, 1)]
    [InlineData(-1, 2, 0, 0)]
    [InlineData(0, 0, 0, -1)]
    public void Party_must_be_one_to_ten(int adult, int child, int infant, int toddler)
    {
        Assert.Equal(ErrorCodes.InvalidPartySize,
            Check("2026-11-20T00:00:00+09:00", tickets: new TicketCounts(adult, child, infant, toddler)).Error?.Code);
    }

    [Theory]
    [InlineData(1, 0, 0, 0)]
    [InlineData(4, 3, 2, 1)]
    [InlineData(0, 0, 0, 1)] // a toddler alone still counts as a person
    public void Parties_of_one_to_ten_are_accepted(int adult, int child, int infant, int toddler)
    {
        Assert.True(Check("2026-11-20T00:00:00+09:00", tickets: new TicketCounts(adult, child, infant, toddler)).IsOk);
    }

    [Fact]
    public void A_hold_is_live_until_its_expiry()
    {
        var expires = DateTimeOffset.Parse("2026-11-20T00:10:00+09:00");
        Assert.True(HoldRules.IsLive(expires, expires.AddTicks(-1)));
        Assert.False(HoldRules.IsLive(expires, expires));
    }
}
