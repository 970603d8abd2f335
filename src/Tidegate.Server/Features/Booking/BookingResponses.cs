namespace Tidegate.Server.Features.Booking;

public sealed record SlotTimes(DateTimeOffset Start, DateTimeOffset End);

public sealed record CreatedBooking(
    string BookingId, string? AccessKey, string Status, DateTimeOffset ExpiresAt, SlotTimes Slot,
    int Persons, int Amount, string Currency);

public sealed record TicketCountsView(int Adult, int Child, int Infant, int Toddler);

public sealed record BookingView(
    string BookingId, string Status, string Date, SlotTimes Slot, TicketCountsView Tickets, int Persons, int Amount,
    string Currency, DateTimeOffset? ExpiresAt, DateTimeOffset? ConfirmedAt, string? TicketCode = null, string? TicketImageUrl = null,
    Payments.PaymentView? Payment = null, Payments.RefundView? Refund = null);
