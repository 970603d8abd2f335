using System.Text;
using System.Text.RegularExpressions;
using Stripe;
using Tidegate.Domain.Payments;

namespace Tidegate.Server.Features.Payments;

/// <summary>
/// Checks a "t=…,v1=…" webhook signature with the provider SDK's <see cref="EventUtility.ValidateSignature(string, string, string, long, long)"/>
/// instead of our own HMAC comparison. Both providers use it: the sandbox signs its events with the
/// same scheme (<see cref="WebhookSignature.Sign"/>), so one verifier, the library's, serves both.
/// </summary>
public static partial class WebhookVerifier
{
    public static SignatureCheck Verify(string? header, ReadOnlySpan<byte> body, string secret, DateTimeOffset now, TimeSpan tolerance)
    {
        if (string.IsNullOrWhiteSpace(header)) return SignatureCheck.Missing;
        var json = Encoding.UTF8.GetString(body);
        var seconds = now.ToUnixTimeSeconds();
        if (Validates(json, header, secret, (long)tolerance.TotalSeconds, seconds)) return SignatureCheck.Valid;
        // The SDK only says "invalid", in prose. Asking again without the time limit tells a stale
        // signature (replayed or badly delayed) from a forged one; the shape tells a malformed header.
        if (!WellFormed().IsMatch(header)) return SignatureCheck.Malformed;
        return Validates(json, header, secret, int.MaxValue, seconds) ? SignatureCheck.Stale : SignatureCheck.Mismatch;
    }

    private static bool Validates(string json, string header, string secret, long tolerance, long now)
    {
        try
        {
            EventUtility.ValidateSignature(json, header, secret, tolerance, now);
            return true;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return false; // StripeException, or a parsing error on a header the SDK cannot read: not valid either way
        }
    }

    /// <summary>Has a numeric t and at least one v1 entry, every part being name=value.</summary>
    [GeneratedRegex(@"^(?=(?:.*,)?\s*t=\d+\s*(?:,|$))(?=(?:.*,)?\s*v1=)[^,=]+=[^,]*(?:,[^,=]+=[^,]*)*$")]
    private static partial Regex WellFormed();
}
