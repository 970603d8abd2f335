namespace Tidegate.Domain.Tickets;

/// <summary>
/// What a ticket code says, and nothing personal: which booking, for which date and slot, how many
/// persons, and which issue of the ticket (the serial, bumped when a booking moves).
/// </summary>
public sealed record TicketClaims(Guid BookingId, DateOnly Date, int StartMinute, int Persons, int Serial);
