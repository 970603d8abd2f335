using System.Text.Json;
using Tidegate.Domain.Payments;

namespace Tidegate.Server.Features.Payments;

/// <summary>
/// Shared webhook reading: the signature first, then only the event id and the payment reference
/// (an allow-list). The event's status is never used: settlement asks the provider.
/// </summary>
public static class WebhookReader
{
    public const int MaxBody = 64 * 1024;

    public static WebhookEvent? Read(ReadOnlySpan<byte> body, string? signature, string secret, DateTimeOffset now, TimeSpan tolerance,
        Func<JsonElement, string?> paymentReference, out string? refusal)
    {
        var check = WebhookVerifier.Verify(signature, body, secret, now, tolerance);
        if (check != SignatureCheck.Valid)
        {
            refusal = $"signature {check.ToString().ToLowerInvariant()}";
            return null;
        }
        try
        {
            using var document = JsonDocument.Parse(body.ToArray());
            var root = document.RootElement;
            var id = root.GetProperty("id").GetString();
            var reference = paymentReference(root);
            refusal = id is { Length: > 0 and <= 200 } && reference is { Length: > 0 and <= 200 } ? null : "event without id or payment";
            var created = root.TryGetProperty("created", out var c) && c.TryGetInt64(out var seconds) && seconds is > 0 and < 253_402_300_800
                ? DateTimeOffset.FromUnixTimeSeconds(seconds) : (DateTimeOffset?)null;
            return refusal is null ? new WebhookEvent(id!, reference!, created) : null;
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            refusal = "event not understood";
            return null;
        }
    }
}
