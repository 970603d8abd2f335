using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Tidegate.Domain.Payments;

/// <summary>What a webhook signature check found; refusals are logged and counted by name.</summary>
public enum SignatureCheck { Valid, Missing, Malformed, Mismatch, Stale }

/// <summary>
/// Signs webhooks the way the card provider does: "t=1700000000,v1=hex(HMAC-SHA256(secret, t + '.' + body))".
/// Only the signing side is ours (the sandbox provider and the test fakes send signed events, and the
/// provider SDK has no signer); checking, with its replay tolerance, is the SDK's EventUtility, in
/// the server's WebhookVerifier.
/// </summary>
public static class WebhookSignature
{
    public static string Sign(string secret, DateTimeOffset at, ReadOnlySpan<byte> body)
    {
        var t = at.ToUnixTimeSeconds();
        return $"t={t},v1={Compute(secret, t, body)}";
    }

    private static string Compute(string secret, long timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes(timestamp.ToString(CultureInfo.InvariantCulture) + ".");
        var message = new byte[prefix.Length + body.Length];
        prefix.CopyTo(message, 0);
        body.CopyTo(message.AsSpan(prefix.Length));
        return Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), message));
    }
}
