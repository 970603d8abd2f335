using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Tidegate.Domain.Payments;

namespace Tidegate.Server.Features.Payments.Stripe;

/// <summary>
/// Adapter for a Stripe-style payment-intent REST API (Tidegate:Payments:Stripe: BaseUrl, ApiKey,
/// WebhookSecret, ToleranceSeconds): form-encoded requests with an Idempotency-Key header, JSON
/// answers, webhooks signed "t=…,v1=…" in the Stripe-Signature header. The visitor's card page is
/// the intent's next_action.redirect_to_url.url. Only the allow-listed fields of answers are read.
/// </summary>
public sealed class StripeProvider(IHttpClientFactory http, IConfiguration config, TimeProvider clock) : IPaymentProvider
{
    public const string ProviderName = "stripe";
    public const string SignatureHeader = "Stripe-Signature";

    private IConfigurationSection Settings => config.GetSection("Tidegate:Payments:Stripe");

    public string Name => ProviderName;

    public async Task<ProviderPayment> CreateAsync(NewPayment payment, string idempotencyKey, CancellationToken ct) =>
        ToPayment(await SendAsync(HttpMethod.Post, "v1/payment_intents", idempotencyKey, ct,
            ("amount", payment.Amount.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("currency", payment.Currency.ToLowerInvariant()),
            ("metadata[booking_id]", payment.BookingId),
            ("return_url", payment.ReturnUrl)));

    public async Task<ProviderPayment> RetrieveAsync(string reference, CancellationToken ct) =>
        ToPayment(await SendAsync(HttpMethod.Get, $"v1/payment_intents/{Uri.EscapeDataString(reference)}", null, ct));

    public async Task<ProviderRefund> RefundAsync(string reference, int amount, string idempotencyKey, CancellationToken ct)
    {
        var root = await SendAsync(HttpMethod.Post, "v1/refunds", idempotencyKey, ct,
            ("payment_intent", reference), ("amount", amount.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return new ProviderRefund(root.GetProperty("id").GetString()!, root.GetProperty("status").GetString()!, root.GetProperty("amount").GetInt32());
    }

    public WebhookEvent? ReadWebhook(ReadOnlySpan<byte> body, IHeaderDictionary headers, out string? refusal) =>
        WebhookReader.Read(body, headers[SignatureHeader].ToString(), Settings["WebhookSecret"] ?? "", clock.GetUtcNow(),
            TimeSpan.FromSeconds(Settings.GetValue("ToleranceSeconds", 300)),
            static root => root.GetProperty("data").GetProperty("object").GetProperty("id").GetString(), out refusal);

    private async Task<JsonElement> SendAsync(HttpMethod method, string path, string? idempotencyKey, CancellationToken ct,
        params (string Name, string Value)[] form)
    {
        var baseUrl = Settings["BaseUrl"] ?? throw new InvalidOperationException("Tidegate:Payments:Stripe:BaseUrl is not configured.");
        using var request = new HttpRequestMessage(method, new Uri(new Uri(baseUrl.TrimEnd('/') + "/"), path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Settings["ApiKey"]);
        if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
        if (form.Length > 0) request.Content = new FormUrlEncodedContent(form.Select(f => KeyValuePair.Create(f.Name, f.Value)));
        using var response = await http.CreateClient(ProviderName).SendAsync(request, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode)
        {
            // 5xx, 429 and 409 (the same key still in flight) are worth retrying; other 4xx are our mistake.
            var transient = (int)response.StatusCode >= 500 || response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.Conflict;
            throw new PaymentProviderException($"Provider answered {(int)response.StatusCode} on {method} {path}.", transient);
        }
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new PaymentProviderException($"Provider answered unreadable JSON on {method} {path}.", true, e);
        }
    }

    private static ProviderPayment ToPayment(JsonElement root)
    {
        var status = root.GetProperty("status").GetString() switch
        {
            "succeeded" => PaymentStatus.Succeeded,
            "canceled" => PaymentStatus.Failed,
            _ => PaymentStatus.Pending, // requires_payment_method, requires_action, processing…
        };
        string? url = root.TryGetProperty("next_action", out var next) && next.ValueKind == JsonValueKind.Object
            && next.TryGetProperty("redirect_to_url", out var redirect) ? redirect.GetProperty("url").GetString() : null;
        string? failure = root.TryGetProperty("last_payment_error", out var error) && error.ValueKind == JsonValueKind.Object
            && error.TryGetProperty("code", out var code) ? code.GetString() : null;
        return new ProviderPayment(root.GetProperty("id").GetString()!, status, root.GetProperty("amount").GetInt32(),
            root.GetProperty("currency").GetString()!.ToUpperInvariant(), url, failure);
    }
}
