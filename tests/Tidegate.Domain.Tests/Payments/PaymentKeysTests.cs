using Tidegate.Domain.Payments;

namespace Tidegate.Domain.Tests.Payments;

public class PaymentKeysTests
{
    [Fact]
    public void Keys_are_derived_from_what_is_paid_so_repeats_match()
    {
        Assert.Equal(PaymentKeys.ForCheckout("b1"), PaymentKeys.ForCheckout("b1"));
        Assert.NotEqual(PaymentKeys.ForCheckout("b1"), PaymentKeys.ForCheckout("b2"));
        Assert.NotEqual(PaymentKeys.ForMove("b1", 1, new DateOnly(2026, 12, 20), 600), PaymentKeys.ForMove("b1", 2, new DateOnly(2026, 12, 20), 600));
        Assert.NotEqual(PaymentKeys.ForMove("b1", 1, new DateOnly(2026, 12, 20), 600), PaymentKeys.ForMove("b1", 1, new DateOnly(2026, 12, 20), 615));
        Assert.Equal(PaymentKeys.ForRefund("p1", RefundReason.Cancelled), PaymentKeys.ForRefund("p1", RefundReason.Cancelled));
        Assert.True(PaymentKeys.ForMove("0199a3b4-0000-7000-8000-000000000000", long.MaxValue, DateOnly.MaxValue, 1439).Length <= 100);
    }
}
