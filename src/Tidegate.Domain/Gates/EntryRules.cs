using Tidegate.Domain.Booking;
using Tidegate.Domain.Tickets;

namespace Tidegate.Domain.Gates;

/// <summary>
/// The entry decision for one scan at instant <c>at</c> (SPEC §5), in the order a gate needs it:
/// a genuine code, a live ticket (not cancelled, not superseded by a move), paid, for today, inside
/// the entry window, and persons left to admit. Staff may admit fewer than the rest of the party.
/// </summary>
public static class EntryRules
{
    public static EntryDecision Decide(
        TicketClaims? claims, TicketState? ticket, int? admit, DateTimeOffset at, DateOnly today, EntryWindow window)
    {
        if (claims is null || ticket is null) return EntryDecision.Refused(ScanReasons.Invalid);
        if (ticket.Status == BookingStatus.Cancelled || claims.Serial != ticket.Serial) return EntryDecision.Refused(ScanReasons.Revoked);
        if (ticket.Status != BookingStatus.Confirmed) return EntryDecision.Refused(ScanReasons.NotPaid);
        if (ticket.Date != today) return EntryDecision.Refused(ScanReasons.WrongDate);
        var validFrom = window.From(ticket.SlotStart);
        if (at < validFrom) return EntryDecision.Refused(ScanReasons.TooEarly) with { ValidFrom = validFrom };
        if (at >= window.Until(ticket.SlotEnd)) return EntryDecision.Refused(ScanReasons.TooLate);
        if (ticket.Remaining == 0)
            return EntryDecision.Refused(ScanReasons.AlreadyUsed) with { FirstUsedAt = ticket.FirstUsedAt, FirstGateId = ticket.FirstGateId };
        return EntryDecision.Admitting(Math.Min(admit ?? ticket.Remaining, ticket.Remaining));
    }
}
