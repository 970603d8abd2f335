using System.Data.Common;

namespace Tidegate.Server.Features.Booking;

/// <summary>
/// Work that must commit together with a booking's confirmation, e.g. queueing the ticket email in
/// the outbox, so a confirmed booking can never lack it. Registered in DI; the confirmation runs
/// every registered step inside its transaction, after the status compare-and-set succeeded.
/// </summary>
public interface IConfirmationStep
{
    Task OnConfirmedAsync(DbConnection connection, DbTransaction tx, BookingRow booking, CancellationToken ct);
}

/// <summary>
/// Work that must commit together with a booking's move (its ticket serial was bumped, revoking the
/// old code), e.g. queueing the new ticket's email. Registered in DI like <see cref="IConfirmationStep"/>.
/// </summary>
public interface IMoveStep
{
    Task OnMovedAsync(DbConnection connection, DbTransaction tx, string bookingId, long now);
}
