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
            await sandbox.FindAsync(paymentId, ct) is { } payment ? Page(payment) : Problems.NotFound("No such sandbox payment."))
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
            return isForm ? Page(payment, SandboxPage.Problem.Invalid, bad.Field) : Problems.Invalid(bad.Field, bad.Detail);
        var result = (await sandbox.PayAsync(paymentId, number))!;
        if (!isForm) return TypedResults.Ok(new { status = result.Status, reason = result.Reason });
        return result.Reason is null ? TypedResults.Redirect(result.ReturnUrl) : Page(payment, SandboxPage.Problem.Declined, result.Reason);
    }

    private static IResult Page(SandboxPayment payment, SandboxPage.Problem problem = SandboxPage.Problem.None, string? code = null) =>
        new HtmlResult(SandboxPage.Render(payment, problem, code));

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
