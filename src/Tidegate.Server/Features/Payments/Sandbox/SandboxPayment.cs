using System.Text;
using Tidegate.Domain.Payments;

namespace Tidegate.Server.Features.Payments.Sandbox;

/// <summary>A row of sandbox_payments: one payment as the sandbox provider sees it.</summary>
public sealed class SandboxPayment
{
    public string Id { get; set; } = "";
    public string IdempotencyKey { get; set; } = "";
    public long Amount { get; set; }
    public string Currency { get; set; } = "";
    public string ReturnUrl { get; set; } = "";
    public string CheckoutUrl { get; set; } = "";
    public string Status { get; set; } = PaymentStatus.Pending;
    public string? FailureCode { get; set; }
    public long Refunded { get; set; }
    public long CreatedAt { get; set; }

    public ProviderPayment ToProvider() => new(Id, Status, (int)Amount, Currency, CheckoutUrl, FailureCode);

    public byte[] EventBody(string eventId, string type, long created) => Encoding.UTF8.GetBytes(System.Text.Json.JsonSerializer.Serialize(new
    {
        id = eventId, type, created, data = new { paymentId = Id, status = Status, amount = Amount },
    }));
}

public sealed record SandboxPayResult(string Status, string? Reason, string ReturnUrl);
