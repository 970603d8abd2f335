using Tidegate.Domain.Payments;

namespace Tidegate.Domain.Tests.Payments;

public class ConfirmationDecisionTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-11-20T00:05:00+09:00");
    private static readonly DateTimeOffset SlotEnd = DateTimeOffset.Parse("2026-12-20T10:45:00+09:00");

    [Theory]
    // payment succeeded?, booking status, hold expires (minutes from now), expected action, refund reason, late
    [InlineData(false, "held", 5, Settlement.Wait, null, false)]
    [InlineData(false, "expired", -5, Settlement.Wait, null, false)]
    [InlineData(true, "held", 5, Settlement.Confirm, null, false)]
    [InlineData(true, "held", -1, Settlement.Confirm, null, true)]       // lapsed but not released: still owns its places
    [InlineData(true, "expired", -5, Settlement.ReclaimThenConfirm, null, true)]
    [InlineData(true, "confirmed", 0, Settlement.NoOp, null, false)]     // a repeat signal
    [InlineData(true, "cancelled", 0, Settlement.Refund, RefundReason.PaidAfterCancel, false)]
    public void A_payment_signal_settles_its_booking(bool succeeded, string status, int expiresInMinutes, Settlement action, string? reason, bool late)
    {
        var decision = ConfirmationDecision.Decide(succeeded, status, Now.AddMinutes(expiresInMinutes), SlotEnd, Now);
        Assert.Equal(new SettlementDecision(action, reason, late), decision);
    }

    [Fact]
    public void A_late_payment_after_the_slot_ended_is_refunded()
    {
        var decision = ConfirmationDecision.Decide(true, "expired", Now, SlotEnd, SlotEnd.AddMinutes(1));
        Assert.Equal(Settlement.Refund, decision.Action);
        Assert.Equal(RefundReason.LateSlotPassed, decision.RefundReason);
    }

    [Fact]
    public void A_failed_reclaim_refunds_with_a_reason_the_visitor_can_read()
    {
        Assert.Equal(RefundReason.LateNoPlaces, ConfirmationDecision.NoPlaces.RefundReason);
        Assert.Contains("places were taken", RefundReason.Explain(RefundReason.LateNoPlaces));
    }
}
