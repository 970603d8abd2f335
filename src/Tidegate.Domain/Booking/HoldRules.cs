using Tidegate.Domain.Common;
using Tidegate.Domain.Venue;

namespace Tidegate.Domain.Booking;

/// <summary>Decides whether a party may hold places in a slot at <c>now</c> (SPEC §3).</summary>
public static class HoldRules
{
    public static Result<HoldTerms> Check(
        VenueSettings venue, DayPlan day, PriceList prices, VenueTime time,
        TimeOnly start, TicketCounts tickets, DateTimeOffset now)
    {
        if (!day.IsOpen)
            return new Error(ErrorCodes.VenueClosed, $"The aquarium is closed on {IsoDate.Text(day.Date)}.");
        if (SlotGrid.Find(day, venue, start) is not { } slot)
            return new Error(ErrorCodes.InvalidSlot, $"There is no entry slot starting at {start:HH\\:mm} on {IsoDate.Text(day.Date)}.");

        var opensAt = BookingWindow.OpensAt(day.Date, time);
        if (now < opensAt)
            return new Error(ErrorCodes.BookingNotOpen, $"Bookings for {IsoDate.Text(day.Date)} open at {opensAt:yyyy-MM-dd HH:mm} venue time.")
                .With("bookingOpensAt", opensAt);
        var slotEnd = time.End(slot);
        if (now >= slotEnd)
            return new Error(ErrorCodes.BookingClosed, "This slot has ended and can no longer be booked.");

        if (PartyError(tickets, venue) is { } partyError) return partyError;

        return new HoldTerms(
            slot, time.Start(slot), slotEnd, tickets, tickets.Persons, prices.Total(tickets, day.Date),
            now.AddMinutes(venue.HoldMinutes), CapacitySplit.Of(day.SlotCapacity, venue.BoxOfficePercent));
    }

    public static Error? PartyError(TicketCounts tickets, VenueSettings venue)
    {
        if (tickets.Adult < 0 || tickets.Child < 0 || tickets.Infant < 0 || tickets.Toddler < 0)
            return new Error(ErrorCodes.InvalidPartySize, "Ticket counts cannot be negative.");
        if (tickets.Persons < 1 || tickets.Persons > venue.MaxPartySize)
            return new Error(ErrorCodes.InvalidPartySize, $"A booking is for 1 to {venue.MaxPartySize} persons.");
        return null;
    }

    /// <summary>A hold counts against capacity only while it is live.</summary>
    public static bool IsLive(DateTimeOffset expiresAt, DateTimeOffset now) => now < expiresAt;
}
