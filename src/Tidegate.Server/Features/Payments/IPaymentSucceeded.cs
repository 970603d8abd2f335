using System.Data.Common;

namespace Tidegate.Server.Features.Payments;

public enum ConfirmationOutcome { Confirmed, ConfirmedLate, Moved, Refunding, AlreadySettled }

/// <summary>
/// The port Payments calls when the provider says a payment succeeded: whatever was paid for (a
/// booking, a move) applies it exactly once. Implemented by the feature that owns the thing paid
/// for (Booking's confirmation) and registered in DI, so Payments never calls that feature itself.
/// The implementation marks the payment succeeded with <see cref="PaymentRow.MarkSucceededAsync"/>
/// inside its own transaction, so the money and what it bought commit together.
/// </summary>
public interface IPaymentSucceeded
{
    Task<ConfirmationOutcome> ApplyAsync(PaymentRow payment, CancellationToken ct);
}
