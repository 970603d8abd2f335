namespace Tidegate.Server.Features.Payments;

/// <summary>
/// The card provider port. Two real implementations: the in-process <see cref="Sandbox.SandboxProvider"/>
/// (default) and the Stripe adapter <see cref="Stripe.StripeProvider"/> (through the Stripe.net SDK). Calls go through
/// <see cref="PaymentGateway"/>, which adds timeouts, retries (same idempotency key) and a circuit breaker.
/// </summary>
public interface IPaymentProvider
{
    /// <summary>"sandbox" or "stripe": the webhook path segment and the value stored with each payment.</summary>
    string Name { get; }

    /// <summary>Creates the payment; the same idempotency key always answers the same payment.</summary>
    Task<ProviderPayment> CreateAsync(NewPayment payment, string idempotencyKey, CancellationToken ct);

    Task<ProviderPayment> RetrieveAsync(string reference, CancellationToken ct);

    Task<ProviderRefund> RefundAsync(string reference, int amount, string idempotencyKey, CancellationToken ct);

    /// <summary>Verifies a webhook's signature and reads only the event id and payment reference from it.</summary>
    WebhookEvent? ReadWebhook(ReadOnlySpan<byte> body, IHeaderDictionary headers, out string? refusal);
}

public sealed record NewPayment(string BookingId, int Amount, string Currency, string ReturnUrl, string PublicBaseUrl);

/// <summary>The provider's view of a payment, reduced to the allow-list Tidegate keeps.</summary>
public sealed record ProviderPayment(string Reference, string Status, int Amount, string Currency, string? CheckoutUrl, string? FailureCode);

public sealed record ProviderRefund(string Reference, string Status, int Amount);

/// <param name="CreatedAt">When the provider created the event (its <c>created</c>, Unix seconds), for the webhook-lag metric.</param>
public sealed record WebhookEvent(string EventId, string PaymentReference, DateTimeOffset? CreatedAt = null);

/// <summary>The provider answered with an error or not at all; worth retrying with the same key.</summary>
public sealed class PaymentProviderException(string message, bool transient = true, Exception? inner = null)
    : Exception(message, inner)
{
    public bool Transient { get; } = transient;
}
