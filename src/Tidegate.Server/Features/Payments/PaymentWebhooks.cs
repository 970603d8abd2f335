using Dapper;
using Tidegate.Domain.Common;
using Tidegate.Server.Data;
using Tidegate.Server.Infrastructure;
using Tidegate.Server.Infrastructure.Telemetry;

namespace Tidegate.Server.Features.Payments;

/// <summary>
/// POST /api/v1/payments/webhooks/{provider}: verify the signature, skip an event id already
/// handled, settle the payment by asking the provider, then store the event id. A 503 makes the
/// provider deliver again; reconciliation is the backstop either way.
/// </summary>
public sealed class PaymentWebhooks(Db db, PaymentGateway gateway, SettlePayment settle, TimeProvider clock, ILogger<SettlePayment> logger)
{
    public static Task<IResult> Handle(string provider, HttpRequest http, PaymentWebhooks useCase, CancellationToken ct) =>
        useCase.ExecuteAsync(provider, http, ct);

    /// <summary>The event's raw bytes are read here: its signature covers them exactly.</summary>
    public async Task<IResult> ExecuteAsync(string provider, HttpRequest http, CancellationToken ct)
    {
        if (provider != gateway.Provider.Name) return Problems.NotFound();
        if (http.ContentLength > WebhookReader.MaxBody) return Problems.Invalid("$", "The event is too large.");
        using var buffer = new MemoryStream();
        await http.Body.CopyToAsync(buffer, ct);
        if (buffer.Length > WebhookReader.MaxBody) return Problems.Invalid("$", "The event is too large.");

        var received = gateway.Provider.ReadWebhook(buffer.ToArray(), http.Headers, out var refusal);
        if (received is null)
        {
            logger.LogWarning("Webhook refused: {Reason}", refusal);
            return Problems.From(new Error(ErrorCodes.InvalidRequest, $"The event was refused: {refusal}.").With("field", "signature"));
        }
        if (received.CreatedAt is { } created) TidegateMetrics.WebhookReceived(clock.GetUtcNow() - created);
        var key = new { Provider = provider, received.EventId, PaymentRef = received.PaymentReference, Now = clock.GetUtcNow() };
        await using (var connection = await db.OpenAsync(ct))
        {
            if (await connection.ExecuteScalarAsync<long>(
                    "SELECT COUNT(*) FROM payment_events WHERE provider = @Provider AND event_id = @EventId", key) > 0)
                return TypedResults.Ok(new { received = true, duplicate = true });
        }
        if (await PaymentRow.ByReferenceAsync(db, provider, received.PaymentReference, ct) is { } payment)
        {
            try { await settle.SettleAsync(payment, ct); }
            catch (Exception e) when (PaymentGateway.IsUnavailable(e))
            {
                return Problems.From(new Error(ErrorCodes.PaymentUnavailable, "The provider could not be asked about this payment; deliver again later."));
            }
        }
        await db.WriteAsync((connection, tx) => connection.ExecuteAsync("""
            INSERT INTO payment_events (provider, event_id, payment_ref, received_at) VALUES (@Provider, @EventId, @PaymentRef, @Now)
            ON CONFLICT (provider, event_id) DO NOTHING
            """, key, tx), ct);
        return TypedResults.Ok(new { received = true, duplicate = false });
    }
}
