using System.Net;
using Stripe;
using Tidegate.Domain.Payments;

namespace Tidegate.Server.Features.Payments.Stripe;

/// <summary>
/// Adapter for the card provider through its official SDK, Stripe.net (Tidegate:Payments:Stripe: BaseUrl,
/// ApiKey, WebhookSecret, ToleranceSeconds): payment intents and refunds with our idempotency keys,
/// webhooks verified by <see cref="EventUtility"/>. The SDK's own retries are off: <see cref="PaymentGateway"/>
/// retries (same key), times out and breaks the circuit, so every SDK error becomes a
/// <see cref="PaymentProviderException"/> that says whether retrying can help. The visitor's card page
/// is the intent's next_action.redirect_to_url.url. Only the allow-listed fields of answers are kept.
/// </summary>
public sealed class StripeProvider(IHttpClientFactory http, StripeOptions settings, TimeProvider clock) : IPaymentProvider
{
    public const string ProviderName = "stripe";
    public const string SignatureHeader = "Stripe-Signature";

    public string Name => ProviderName;

    public Task<ProviderPayment> CreateAsync(NewPayment payment, string idempotencyKey, CancellationToken ct) =>
        CallAsync("create payment intent", async client => ToPayment(await new PaymentIntentService(client).CreateAsync(new PaymentIntentCreateOptions
        {
            Amount = payment.Amount,
            Currency = payment.Currency.ToLowerInvariant(),
            Metadata = new Dictionary<string, string> { ["booking_id"] = payment.BookingId },
            ReturnUrl = payment.ReturnUrl,
        }, new RequestOptions { IdempotencyKey = idempotencyKey }, ct)));

    public Task<ProviderPayment> RetrieveAsync(string reference, CancellationToken ct) =>
        CallAsync("retrieve payment intent", async client =>
            ToPayment(await new PaymentIntentService(client).GetAsync(reference, options: null, requestOptions: null, cancellationToken: ct)));

    public Task<ProviderRefund> RefundAsync(string reference, int amount, string idempotencyKey, CancellationToken ct) =>
        CallAsync("refund", async client =>
        {
            var refund = await new RefundService(client).CreateAsync(new RefundCreateOptions { PaymentIntent = reference, Amount = amount },
                new RequestOptions { IdempotencyKey = idempotencyKey }, ct);
            return new ProviderRefund(refund.Id, refund.Status, checked((int)refund.Amount));
        });

    public WebhookEvent? ReadWebhook(ReadOnlySpan<byte> body, IHeaderDictionary headers, out string? refusal) =>
        WebhookReader.Read(body, headers[SignatureHeader].ToString(), settings.WebhookSecret ?? "", clock.GetUtcNow(),
            TimeSpan.FromSeconds(settings.ToleranceSeconds),
            static root => root.GetProperty("data").GetProperty("object").GetProperty("id").GetString(), out refusal);

    private async Task<T> CallAsync<T>(string what, Func<StripeClient, Task<T>> call)
    {
        var baseUrl = settings.BaseUrl ?? throw new InvalidOperationException("Tidegate:Payments:Stripe:BaseUrl is not configured.");
        // maxNetworkRetries 0: retries belong to the gateway's pipeline, which counts them against the breaker.
        var client = new StripeClient(settings.ApiKey, apiBase: baseUrl.TrimEnd('/'),
            httpClient: new SystemNetHttpClient(http.CreateClient(ProviderName), maxNetworkRetries: 0, enableTelemetry: false));
        try
        {
            return await call(client);
        }
        catch (StripeException e)
        {
            throw new PaymentProviderException($"Provider refused to {what}: {(int)e.HttpStatusCode} {e.StripeError?.Code}.", IsTransient(e.HttpStatusCode), e);
        }
        catch (HttpRequestException e)
        {
            throw new PaymentProviderException($"Provider unreachable to {what}.", transient: true, e);
        }
    }

    /// <summary>
    /// 5xx, 429 and no answer at all are worth retrying with the same key; so is 409, the provider's
    /// "a request with this key is still in flight" (it was retried before the SDK came, and Stripe's
    /// own SDKs retry it). Any other 4xx, such as "no such payment intent", is a refusal that stays one.
    /// </summary>
    private static bool IsTransient(HttpStatusCode status) =>
        status == 0 || (int)status >= 500 || status is HttpStatusCode.TooManyRequests or HttpStatusCode.Conflict;

    private static ProviderPayment ToPayment(PaymentIntent intent) => new(
        intent.Id,
        intent.Status switch
        {
            "succeeded" => PaymentStatus.Succeeded,
            "canceled" => PaymentStatus.Failed,
            _ => PaymentStatus.Pending, // requires_payment_method, requires_action, processing…
        },
        checked((int)intent.Amount),
        intent.Currency.ToUpperInvariant(),
        intent.NextAction?.RedirectToUrl?.Url,
        intent.LastPaymentError?.Code);
}
