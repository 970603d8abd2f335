using Tidegate.Domain.Payments;

namespace Tidegate.Domain.Tests.Payments;

public class MovePriceTests
{
    [Theory]
    [InlineData(4800, 5200, 400, 0)]   // weekday to weekend: charge the difference
    [InlineData(5200, 4800, 0, 400)]   // weekend to weekday: refund it
    [InlineData(5200, 5200, 0, 0)]
    public void A_move_charges_or_refunds_the_difference(int oldAmount, int newAmount, int charge, int refund)
    {
        var price = new MovePrice(oldAmount, newAmount);
        Assert.Equal(charge, price.ToCharge);
        Assert.Equal(refund, price.ToRefund);
        Assert.Equal(newAmount - oldAmount, price.Difference);
    }
}
