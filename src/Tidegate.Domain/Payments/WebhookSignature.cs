using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Tidegate.Domain.Payments;

public enum SignatureCheck { Valid, Missing, Malformed, Mismatch, Stale }

/// <summary>
/// Webhook signatures of the "t=1700000000,v1=hex(HMAC-SHA256(secret, t + '.' + body))" kind. A
/// timestamp outside the tolerance is refused, so a captured request cannot be replayed later.
/// </summary>
public static class WebhookSignature
{
    public static string Sign(string secret, DateTimeOffset at, ReadOnlySpan<byte> body)
    {
        var t = at.ToUnixTimeSeconds();
        return $"t={t},v1={Compute(secret, t, body)}";
    }

    public static SignatureCheck Verify(string? header, ReadOnlySpan<byte> body, string secret, DateTimeOffset now, TimeSpan tolerance)
    {
        if (string.IsNullOrWhiteSpace(header)) return SignatureCheck.Missing;
        long? timestamp = null;
        var candidates = new List<string>();
        foreach (var part in header.Split(','))
        {
            var eq = part.IndexOf('=');
            if (eq <= 0) return SignatureCheck.Malformed;
            var (name, value) = (part[..eq].Trim(), part[(eq + 1)..].Trim());
            if (name == "t" && long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var t)) timestamp = t;
            else if (name == "v1") candidates.Add(value);
        }
        if (timestamp is not { } ts || candidates.Count == 0) return SignatureCheck.Malformed;
        var expected = Encoding.ASCII.GetBytes(Compute(secret, ts, body));
        // Several v1 entries are allowed (secret rotation at the provider): any one may match.
        if (!candidates.Any(c => CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(c.ToLowerInvariant()))))
            return SignatureCheck.Mismatch;
        var age = now.ToUnixTimeSeconds() - ts;
        return Math.Abs(age) > tolerance.TotalSeconds ? SignatureCheck.Stale : SignatureCheck.Valid;
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
