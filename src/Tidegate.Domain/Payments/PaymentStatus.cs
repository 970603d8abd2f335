namespace Tidegate.Domain.Payments;

/// <summary>
/// A payment's state as Tidegate records it. A declined card leaves a payment pending (the visitor
/// may try another card); only the provider's word moves it to succeeded or failed.
/// </summary>
public static class PaymentStatus
{
    public const string Pending = "pending";
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";
    /// <summary>Pending at the provider for so long that reconciliation stops asking; a late webhook still settles it.</summary>
    public const string Abandoned = "abandoned";
}

/// <summary>What a payment is for: the booking itself, or the difference of a move to a dearer slot.</summary>
public static class PaymentPurpose
{
    public const string Booking = "booking";
    public const string Move = "move";
}

/// <summary>Why money went back; shown to the visitor with the booking.</summary>
public static class RefundReason
{
    public const string Cancelled = "cancelled";
    public const string LateNoPlaces = "late_payment_no_places";
    public const string LateSlotPassed = "late_payment_slot_passed";
    public const string LateOtherBooking = "late_payment_other_booking";
    public const string PaidAfterCancel = "paid_after_cancellation";
    public const string MoveDifference = "move_difference";
    public const string MoveNotPossible = "move_not_possible";

    public static string Explain(string reason) => reason switch
    {
        Cancelled => "The booking was cancelled; the full amount is refunded.",
        LateNoPlaces => "The payment arrived after the hold had expired and the places were taken meanwhile; the payment is refunded.",
        LateSlotPassed => "The payment arrived after the hold had expired and the slot is over; the payment is refunded.",
        LateOtherBooking => "The payment arrived after the hold had expired and there is now another booking for this person that day; the payment is refunded.",
        PaidAfterCancel => "The payment arrived after the booking was cancelled; the payment is refunded.",
        MoveDifference => "The booking moved to a cheaper slot; the difference is refunded.",
        MoveNotPossible => "The move could not be made (the slot filled up or the booking changed); the extra payment is refunded.",
        _ => "The payment is refunded.",
    };
}
