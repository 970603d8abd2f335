using Tidegate.Domain.Venue;

namespace Tidegate.Domain.Booking;

/// <summary>What a valid booking request would hold: the slot, the party, the price and the expiry.</summary>
public sealed record HoldTerms(
    Slot Slot,
    DateTimeOffset SlotStart,
    DateTimeOffset SlotEnd,
    TicketCounts Tickets,
    int Persons,
    int Amount,
    DateTimeOffset ExpiresAt,
    CapacitySplit Capacity);
