using Tidegate.Domain.Booking;

namespace Tidegate.Domain.Tests.Booking;

public class OneBookingPerPersonAndDateTests
{
    private static readonly DateTimeOffset Now = new(2026, 5, 1, 3, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("confirmed", null, true)]
    [InlineData("held", 60, true)]
    [InlineData("held", 0, false)]    // lapsed at this very moment
    [InlineData("held", -60, false)]
    [InlineData("cancelled", null, false)]
    [InlineData("expired", null, false)]
    public void A_booking_blocks_its_person_while_confirmed_or_held_and_not_lapsed(string status, int? expiresInSeconds, bool blocks) =>
        Assert.Equal(blocks, OneBookingPerPersonAndDate.Blocks(status, expiresInSeconds is { } s ? Now.AddSeconds(s) : null, Now));

    [Fact]
    public void Every_walk_in_sale_is_a_person_of_its_own() =>
        Assert.NotEqual(OneBookingPerPersonAndDate.WalkInPersonKey("a"), OneBookingPerPersonAndDate.WalkInPersonKey("b"));
}
