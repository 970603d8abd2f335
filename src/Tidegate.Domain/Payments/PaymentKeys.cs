namespace Tidegate.Domain.Payments;

/// <summary>
/// Idempotency keys sent to the provider, derived from what is being paid for, so every retry and
/// every repeated checkout of one booking lands on the one payment at the provider.
/// </summary>
public static class PaymentKeys
{
    public static string ForCheckout(string bookingId) => $"tg-booking-{bookingId}";

    /// <summary>A move's difference: one per booking version and target slot.</summary>
    public static string ForMove(string bookingId, long ticketSerial, DateOnly date, int startMinute) =>
        $"tg-move-{bookingId}-{ticketSerial}-{date:yyyyMMdd}-{startMinute}";

    /// <summary>One refund per payment and reason: a cancel sent twice refunds once.</summary>
    public static string ForRefund(string paymentId, string reason) => $"tg-refund-{paymentId}-{reason}";
}
