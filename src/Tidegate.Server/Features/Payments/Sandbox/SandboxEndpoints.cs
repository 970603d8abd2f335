using System.Text.Encodings.Web;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;
using Tidegate.Server.Infrastructure;

namespace Tidegate.Server.Features.Payments.Sandbox;

/// <summary>
/// The sandbox provider's own pages: the hosted card form (a plain server-rendered form, no
/// script) and the contract's POST /sandbox/payments/{paymentId}/pay, which takes JSON from API
/// clients and the form post from the page (then redirects back to Tidegate, like a provider).
/// </summary>
public static class SandboxEndpoints
{
    [JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
    public sealed record PayRequest(string? CardNumber, string? Expiry, string? Cvc);

    public static IEndpointRouteBuilder MapSandbox(this IEndpointRouteBuilder app)
    {
        app.MapGet("/sandbox/checkout/{paymentId}", async (string paymentId, SandboxProvider sandbox, CancellationToken ct) =>
            await sandbox.FindAsync(paymentId, ct) is { } payment ? Page(payment, null) : Problems.NotFound("No such sandbox payment."))
            .ExcludeFromDescription();
        app.MapPost("/sandbox/payments/{paymentId}/pay", Pay).WithName("SandboxPay").WithTags("Sandbox")
            .WithSummary("What the sandbox card form submits (JSON or form post).");
        return app;
    }

    private static async Task<IResult> Pay(string paymentId, Body<PayRequest> json, HttpRequest http, SandboxProvider sandbox, TimeProvider clock)
    {
        var isForm = http.HasFormContentType;
        PayRequest request;
        if (isForm)
        {
            var form = await http.ReadFormAsync();
            request = new PayRequest(form["cardNumber"], form["expiry"], form["cvc"]);
        }
        else
        {
            var body = await json.ReadAsync(); // a form post is read as a form instead
            if (!body.IsOk) return Problems.From(body.Error);
            request = body.Value;
        }
        if (await sandbox.FindAsync(paymentId) is not { } payment) return Problems.NotFound("No such sandbox payment.");
        var number = TestCards.Normalise(request.CardNumber);
        if (TestCards.Check(number, request.Expiry?.Trim(), request.Cvc?.Trim(), clock.GetUtcNow()) is { } bad)
            return isForm ? Page(payment, bad.Detail) : Problems.Invalid(bad.Field, bad.Detail);
        var result = (await sandbox.PayAsync(paymentId, number))!;
        if (!isForm) return TypedResults.Ok(new { status = result.Status, reason = result.Reason });
        return result.Reason is null ? TypedResults.Redirect(result.ReturnUrl) : Page(payment, $"The card was declined ({result.Reason}).");
    }

    private static IResult Page(SandboxPayment payment, string? message)
    {
        var e = HtmlEncoder.Default;
        var html = $$"""
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Sandbox card payment</title>
            <style>body{font-family:system-ui,sans-serif;max-width:26rem;margin:2rem auto;padding:0 1rem}
            label{display:block;margin:.8rem 0 .2rem}input{width:100%;padding:.5rem;font-size:1rem}
            button{margin-top:1rem;padding:.6rem 1.2rem;font-size:1rem}.error{color:#b00020}small{color:#555}</style></head>
            <body><h1>Sandbox payment</h1>
            <p>Amount: <strong>{{payment.Amount:N0}} {{e.Encode(payment.Currency)}}</strong></p>
            {{(message is null ? "" : $"<p class=\"error\" role=\"alert\">{e.Encode(message)}</p>")}}
            <form method="post" action="/sandbox/payments/{{e.Encode(payment.Id)}}/pay">
            <label for="cardNumber">Card number</label><input id="cardNumber" name="cardNumber" inputmode="numeric" autocomplete="off" required>
            <label for="expiry">Expiry (MM/YY)</label><input id="expiry" name="expiry" value="12/30" required>
            <label for="cvc">CVC</label><input id="cvc" name="cvc" value="123" required>
            <button type="submit">Pay</button></form>
            <p><small>Test cards: 4242 4242 4242 4242 succeeds; 4000 0000 0000 0002 is declined;
            4000 0000 0000 9995 has insufficient funds.</small></p></body></html>
            """;
        return new HtmlResult(html);
    }

    private sealed class HtmlResult(string html) : IResult
    {
        public Task ExecuteAsync(HttpContext context)
        {
            context.Response.ContentType = "text/html; charset=utf-8";
            context.Response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'";
            context.Response.Headers.CacheControl = "no-store";
            return context.Response.WriteAsync(html);
        }
    }
}
