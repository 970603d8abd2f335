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
    /// <summary><paramref name="before"/> is the booking as it was (its slot and amount); <paramref name="target"/> where it went.</summary>
    Task OnMovedAsync(DbConnection connection, DbTransaction tx, BookingRow before, MoveTarget target, long now);
}

/// <summary>
/// Work that must commit together with the cancellation of a confirmed booking, e.g. queueing the
/// cancellation email with the refund that was recorded. Registered in DI like <see cref="IConfirmationStep"/>.
/// </summary>
public interface ICancellationStep
{
    Task OnCancelledAsync(DbConnection connection, DbTransaction tx, BookingRow booking, int refunded, long now);
}
