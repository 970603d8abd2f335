namespace Tidegate.Domain.Common;

/// <summary>The stable error codes of the API contract (shared/API.md). Never rename one.</summary>
public static class ErrorCodes
{
    public const string InvalidRequest = "invalid_request";
    public const string NotFound = "not_found";
    public const string Unauthorized = "unauthorized";
    public const string Forbidden = "forbidden";
    public const string IdempotencyConflict = "idempotency_conflict";
    public const string SoldOut = "sold_out";
    public const string BookingNotOpen = "booking_not_open";
    public const string BookingClosed = "booking_closed";
    public const string VenueClosed = "venue_closed";
    public const string InvalidSlot = "invalid_slot";
    public const string InvalidPartySize = "invalid_party_size";
    public const string LimitExceeded = "limit_exceeded";
    public const string Throttled = "throttled";
    public const string QueueRequired = "queue_required";
    public const string HoldExpired = "hold_expired";
    public const string CancellationClosed = "cancellation_closed";
    public const string PaymentUnavailable = "payment_unavailable";
    public const string CapacityBelowSold = "capacity_below_sold";
    /// <summary>Closing or shortening a day would remove slots that hold active (held or confirmed) bookings.</summary>
    public const string HasBookings = "has_bookings";
    public const string Unavailable = "unavailable";
    /// <summary>The booking is in a state where this payment action makes no sense (e.g. paying a cancelled booking).</summary>
    public const string NotPayable = "not_payable";
    /// <summary>Only a confirmed booking can move.</summary>
    public const string NotConfirmed = "not_confirmed";
    /// <summary>Staff sign-in: unknown email or wrong password (the same answer for both).</summary>
    public const string InvalidCredentials = "invalid_credentials";
    /// <summary>Staff sign-in: the account has a second factor and none, or a wrong one, was given.</summary>
    public const string OtpRequired = "otp_required";
    public const string WeakPassword = "weak_password";
    public const string EmailTaken = "email_taken";
    /// <summary>A gate conflict that an operator already resolved.</summary>
    public const string AlreadyResolved = "already_resolved";
}
