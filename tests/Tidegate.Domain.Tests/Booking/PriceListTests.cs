using Tidegate.Domain.Booking;

namespace Tidegate.Domain.Tests.Booking;

public class PriceListTests
{
    private static readonly PriceList Prices = PriceList.SameshineDefaults(new HashSet<DateOnly> { new(2026, 11, 23) });

    [Theory]
    [InlineData("2026-12-21", TicketType.Adult, 2400)]   // Monday
    [InlineData("2026-12-19", TicketType.Adult, 2600)]   // Saturday
    [InlineData("2026-12-20", TicketType.Adult, 2600)]   // Sunday
    [InlineData("2026-11-23", TicketType.Adult, 2600)]   // Monday, listed holiday
    [InlineData("2026-12-21", TicketType.Child, 1200)]
    [InlineData("2026-12-20", TicketType.Child, 1300)]
    [InlineData("2026-12-21", TicketType.Infant, 700)]
    [InlineData("2026-12-20", TicketType.Infant, 800)]
    [InlineData("2026-12-20", TicketType.Toddler, 0)]
    [InlineData("2026-12-21", TicketType.Toddler, 0)]
    public void Price_depends_on_type_and_kind_of_day(string date, TicketType type, int price)
    {
        Assert.Equal(price, Prices.PriceOf(type, DateOnly.Parse(date)));
    }

    [Fact]
    public void Total_adds_every_ticket()
    {
        Assert.Equal(2 * 2600 + 1300 + 800, Prices.Total(new TicketCounts(2, 1, 1, 1), new DateOnly(2026, 12, 20)));
        Assert.Equal(2 * 2400 + 1200, Prices.Total(new TicketCounts(2, 1, 0, 3), new DateOnly(2026, 12, 21)));
    }
}
