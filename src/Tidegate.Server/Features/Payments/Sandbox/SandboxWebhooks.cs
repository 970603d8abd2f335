using System.Text;
using Dapper;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Tidegate.Domain.Payments;
using Tidegate.Server.Data;
using Tidegate.Server.Infrastructure.Auth;

namespace Tidegate.Server.Features.Payments.Sandbox;

/// <summary>
/// Sends the sandbox's events to Tidegate's webhook endpoint over real HTTP, signed like a real
/// provider's, and retried on failure like one; with the configured delay, duplicates, loss and
/// reordering applied on the way.
/// </summary>
public sealed class SandboxWebhooks(
    Db db, SandboxFaults faults, IServer server, IHttpClientFactory http, Tokens tokens, TimeProvider clock, IConfiguration config,
    ILogger<SandboxWebhooks> logger)
{
    private int _inFlight;

    /// <summary>
    /// Deliveries not yet finished (retries included). A delivery ends when Tidegate has answered it, so
    /// at zero every webhook sent so far has landed and its write committed: tests wait for that
    /// instead of sleeping.
    /// </summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    public string Secret => config["Tidegate:Payments:Sandbox:WebhookSecret"] ?? tokens.Derive("sandbox-webhook", "v1");

    /// <summary>
    /// Sends the event (in the background). Out of order, earlier events wait in sandbox_held_events
    /// until the final one, which releases them to follow it, whichever instance sends it.
    /// </summary>
    public async Task EnqueueAsync(SandboxPayment payment, string type, bool final)
    {
        var id = "evt_" + Guid.CreateVersion7().ToString("N");
        var created = clock.GetUtcNow().ToUnixTimeSeconds();
        var body = payment.EventBody(id, type, created);
        List<(string Id, string Type, byte[] Body)> batch = [(id, type, body)];
        if (faults.WebhookOutOfOrder && !final)
        {
            await db.WriteAsync((connection, tx) => connection.ExecuteAsync(SandboxSql.HoldEvent, new
            {
                Id = id, PaymentId = payment.Id, Type = type, Body = Encoding.UTF8.GetString(body), CreatedAt = created,
            }, tx));
            return;
        }
        if (final && faults.WebhookOutOfOrder) // with the switch off nothing was held: no write on the payment's path
        {
            var earlier = await db.WriteAsync(async (connection, tx) =>
                (await connection.QueryAsync<HeldEvent>(SandboxSql.ReleaseEvents, new { PaymentId = payment.Id }, tx)).ToList());
            // The older events arrive after the newest, newest first.
            batch.AddRange(earlier.OrderByDescending(e => e.CreatedAt).ThenByDescending(e => e.Id, StringComparer.Ordinal)
                .Select(e => (e.Id, e.Type, Encoding.UTF8.GetBytes(e.Body))));
        }
        foreach (var e in batch)
        {
            if (SandboxFaults.Roll(faults.WebhookLossRate)) { logger.LogInformation("Sandbox: dropped webhook {Type}", e.Type); continue; }
            var copies = 1 + Math.Max(0, faults.WebhookDuplicates);
            Interlocked.Increment(ref _inFlight);
            _ = Task.Run(async () =>
            {
                try { await DeliverAsync(e.Body, copies); }
                finally { Interlocked.Decrement(ref _inFlight); }
            });
        }
    }

    private sealed class HeldEvent
    {
        public string Id { get; set; } = "";
        public string Type { get; set; } = "";
        public string Body { get; set; } = "";
        public long CreatedAt { get; set; }
    }

    private async Task DeliverAsync(byte[] body, int copies)
    {
        try
        {
            if (faults.WebhookDelayMs > 0) await Task.Delay(faults.WebhookDelayMs);
            await Task.WhenAll(Enumerable.Range(0, copies).Select(_ => SendWithRetriesAsync(body)));
        }
        catch (Exception e)
        {
            // Also reached when the host shut down with deliveries in flight; a lost webhook is what reconciliation is for.
            try { logger.LogWarning("Sandbox: webhook delivery failed ({Error})", e.GetType().Name); }
            catch (ObjectDisposedException) { }
        }
    }

    private async Task SendWithRetriesAsync(byte[] body)
    {
        var client = http.CreateClient(nameof(SandboxWebhooks));
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            try
            {
                using var content = new ByteArrayContent(body);
                content.Headers.ContentType = new("application/json");
                using var request = new HttpRequestMessage(HttpMethod.Post, WebhookUrl()) { Content = content };
                // Stripe's scheme on purpose: the receiving side checks it with the SDK's EventUtility, as for
                // the real provider, so only this small signer (the SDK has none) stays our own code.
                request.Headers.Add(SandboxProvider.SignatureHeader, WebhookSignature.Sign(Secret, clock.GetUtcNow(), body));
                using var response = await client.SendAsync(request);
                if (response.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            catch (InvalidOperationException) when (attempt < 5) { } // no address yet while the server starts
            await Task.Delay(TimeSpan.FromMilliseconds(500 * attempt));
        }
    }

    /// <summary>Configured, or this server's own first address (a wildcard host becomes loopback).</summary>
    private string WebhookUrl()
    {
        if (config["Tidegate:Payments:Sandbox:WebhookUrl"] is { Length: > 0 } configured) return configured;
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("The server has no address to send sandbox webhooks to.");
        var uri = new Uri(address.Replace("://+", "://127.0.0.1").Replace("://*", "://127.0.0.1").Replace("://[::]", "://127.0.0.1")
            .Replace("://0.0.0.0", "://127.0.0.1"));
        return $"{uri.Scheme}://{uri.Authority}/api/v1/payments/webhooks/{SandboxProvider.ProviderName}";
    }
}
