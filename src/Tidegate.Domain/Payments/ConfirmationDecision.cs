namespace Tidegate.Domain.Payments;

public enum Settlement
{
    /// <summary>Nothing to do yet: the provider has not taken the money.</summary>
    Wait,
    /// <summary>The hold still has its places (live, or lapsed but not yet released): confirm it.</summary>
    Confirm,
    /// <summary>The hold was released: claim the places again, confirm if that works, refund otherwise.</summary>
    ReclaimThenConfirm,
    /// <summary>The money must go back (the reason says why).</summary>
    Refund,
    /// <summary>Already settled by another signal.</summary>
    NoOp,
}

public readonly record struct SettlementDecision(Settlement Action, string? RefundReason = null, bool Late = false);

/// <summary>
/// What a succeeded payment does to its booking (SPEC §4). A function of the payment's state at the
/// provider, the booking's stored status and times, and now; the server applies it with
/// compare-and-set updates, so a repeat of any signal lands on <see cref="Settlement.NoOp"/>.
/// </summary>
public static class ConfirmationDecision
{
    public static SettlementDecision Decide(
        bool paymentSucceeded, string bookingStatus, DateTimeOffset? holdExpiresAt, DateTimeOffset slotEnd, DateTimeOffset now)
    {
        if (!paymentSucceeded) return new(Settlement.Wait);
        return bookingStatus switch
        {
            Booking.BookingStatus.Confirmed => new(Settlement.NoOp),
            Booking.BookingStatus.Cancelled => new(Settlement.Refund, RefundReason.PaidAfterCancel),
            // A lapsed hold that nobody released still owns its places in the counter: confirming it is safe.
            Booking.BookingStatus.Held => new(Settlement.Confirm, Late: holdExpiresAt is { } e && now >= e),
            Booking.BookingStatus.Expired when now >= slotEnd => new(Settlement.Refund, RefundReason.LateSlotPassed, Late: true),
            Booking.BookingStatus.Expired => new(Settlement.ReclaimThenConfirm, Late: true),
            _ => new(Settlement.NoOp),
        };
    }

    /// <summary>The outcome when the re-claim of a late payment's places fails.</summary>
    public static SettlementDecision NoPlaces => new(Settlement.Refund, RefundReason.LateNoPlaces, Late: true);
}
