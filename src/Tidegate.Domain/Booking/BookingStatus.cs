namespace Tidegate.Domain.Booking;

/// <summary>The contract's booking states, as stored and as answered.</summary>
public static class BookingStatus
{
    public const string Held = "held";
    public const string Confirmed = "confirmed";
    public const string Cancelled = "cancelled";
    public const string Expired = "expired";
}
