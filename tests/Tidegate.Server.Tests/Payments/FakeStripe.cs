using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Tidegate.Domain.Payments;

namespace Tidegate.Server.Tests.Payments;

/// <summary>
/// A small local server that answers what the Stripe.net SDK sends (Kestrel on 127.0.0.1, port 0):
/// bearer key, form-encoded POSTs to /v1/payment_intents and /v1/refunds, GET /v1/payment_intents/{id},
/// Idempotency-Key replay, Stripe's JSON objects and {"error":{…}} answers, and webhooks signed
/// "t=…,v1=…" in Stripe-Signature sent to the configured target. Faults: fail the next N calls with 500.
/// </summary>
public sealed class FakeStripe : IAsyncDisposable
{
    public const string ApiKey = "sk_test_fake";
    public const string WebhookSecret = "whsec_fake";
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, Intent> _intents = new();
    private readonly ConcurrentDictionary<string, string> _replies = new();
    private readonly HttpClient _http = new();
    private int _failNext;

    private sealed class Intent
    {
        public string Id = "";
        public int Amount;
        public string Currency = "";
        public string Status = "requires_payment_method";
        public int Refunded;
    }

    public FakeStripe()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.MapPost("/v1/payment_intents", (Delegate)((HttpContext c) => Idempotent(c, NewIntent)));
        _app.MapGet("/v1/payment_intents/{id}", (HttpContext c, string id) =>
            !Authorised(c) ? Unauthorised()
            : Interlocked.Decrement(ref _failNext) >= 0 ? ServerError()
            : _intents.TryGetValue(id, out var i) ? Results.Text(Json(i), "application/json")
            : Error(404, "invalid_request_error", "resource_missing", $"No such payment_intent: '{id}'"));
        _app.MapPost("/v1/refunds", (Delegate)((HttpContext c) => Idempotent(c, Refund)));
        _app.StartAsync().GetAwaiter().GetResult();
        BaseUrl = _app.Urls.First();
    }

    public string BaseUrl { get; }
    public string? WebhookTarget { get; set; }
    public TimeProvider Clock { get; set; } = TimeProvider.System;
    private int _calls;
    public int Calls => _calls;

    /// <summary>The next <paramref name="count"/> calls do their work, then answer 500 (the worst case for retries).</summary>
    public void FailNext(int count) => Interlocked.Exchange(ref _failNext, count);

    public int IntentCount => _intents.Count;

    public int RefundedOf(string id) => _intents[id].Refunded;

    /// <summary>The visitor pays on the provider's page; the provider then signs and sends its event (copies times).</summary>
    public async Task PayAsync(string id, int copies = 1)
    {
        var intent = _intents[id];
        intent.Status = "succeeded";
        var body = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new
        {
            id = "evt_" + Guid.NewGuid().ToString("N"), type = "payment_intent.succeeded",
            data = new { @object = new { id, @object = "payment_intent", status = "succeeded", amount = intent.Amount } },
        }));
        for (var i = 0; i < copies; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, WebhookTarget) { Content = new ByteArrayContent(body) };
            request.Headers.Add("Stripe-Signature", WebhookSignature.Sign(WebhookSecret, Clock.GetUtcNow(), body));
            (await _http.SendAsync(request)).EnsureSuccessStatusCode();
        }
    }

    private async Task<IResult> Idempotent(HttpContext context, Func<IFormCollection, string?> handler)
    {
        if (!Authorised(context)) return Unauthorised();
        var form = await context.Request.ReadFormAsync();
        var key = context.Request.Path + " " + context.Request.Headers["Idempotency-Key"];
        string? json;
        lock (_replies)
        {
            if (!_replies.TryGetValue(key, out json))
            {
                json = handler(form);
                if (json is not null) _replies[key] = json;
            }
        }
        if (json is null) return Error(400, "invalid_request_error", "charge_already_refunded", "Nothing left to refund on this payment.");
        return Interlocked.Decrement(ref _failNext) >= 0 ? ServerError() : Results.Text(json, "application/json");
    }

    private string NewIntent(IFormCollection form)
    {
        var intent = new Intent { Id = "pi_" + Guid.NewGuid().ToString("N")[..24], Amount = int.Parse(form["amount"]!), Currency = form["currency"]! };
        _intents[intent.Id] = intent;
        return Json(intent);
    }

    private string? Refund(IFormCollection form)
    {
        var intent = _intents[form["payment_intent"]!];
        var amount = int.Parse(form["amount"]!);
        if (intent.Status != "succeeded" || intent.Refunded + amount > intent.Amount) return null;
        intent.Refunded += amount;
        return JsonSerializer.Serialize(new { id = "re_" + Guid.NewGuid().ToString("N")[..24], @object = "refund", status = "succeeded", amount });
    }

    // Errors in Stripe's shape, which the SDK turns into a StripeException carrying the status and code.
    private static IResult Error(int status, string type, string code, string message) =>
        Results.Json(new { error = new { type, code, message } }, statusCode: status);

    private static IResult ServerError() => Error(500, "api_error", "internal_error", "Injected fault: the work was done, the answer lost.");

    private static IResult Unauthorised() => Error(401, "invalid_request_error", "api_key_invalid", "Invalid API Key provided.");

    private bool Authorised(HttpContext context)
    {
        Interlocked.Increment(ref _calls);
        return context.Request.Headers.Authorization.ToString() == $"Bearer {ApiKey}";
    }

    private string Json(Intent i) => JsonSerializer.Serialize(new
    {
        id = i.Id, @object = "payment_intent", amount = i.Amount, currency = i.Currency, status = i.Status,
        next_action = i.Status == "succeeded" ? null : new { type = "redirect_to_url", redirect_to_url = new { url = $"{BaseUrl}/pay/{i.Id}" } },
        last_payment_error = (object?)null, client_secret = "secret_not_used", card_details_never = "the adapter must ignore unknown fields",
    });

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _app.DisposeAsync();
    }
}
