using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Tidegate.Server.Infrastructure.Auth;

/// <summary>
/// Bearer tokens: "tg1." + base64url(JSON claims) + "." + base64url(HMAC-SHA256). Stateless, so
/// every instance verifies them; they carry a role, a subject and an expiry, nothing personal.
/// </summary>
public sealed class Tokens(Secrets secrets, TimeProvider clock)
{
    private const string Prefix = "tg1.";

    /// <param name="Session">A staff session's id: the token is refused once that session ends (BearerHandler).</param>
    /// <param name="StaffRole">A setup session's real role (its <paramref name="Role"/> is <see cref="Roles.StaffSetup"/>).</param>
    public sealed record Claims(string Role, string Subject, long ExpiresAt, string? Session = null,
        [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] string? StaffRole = null);

    public string Issue(string role, string subject, TimeSpan lifetime, string? session = null, string? staffRole = null)
    {
        var claims = new Claims(role, subject, clock.GetUtcNow().Add(lifetime).ToUnixTimeSeconds(), session, staffRole);
        var payload = Base64Url(JsonSerializer.SerializeToUtf8Bytes(claims));
        return Prefix + payload + "." + Sign(payload);
    }

    public Claims? Verify(string token)
    {
        if (!token.StartsWith(Prefix, StringComparison.Ordinal) || token.Length > 1024) return null;
        var dot = token.LastIndexOf('.');
        if (dot <= Prefix.Length) return null;
        var payload = token[Prefix.Length..dot];
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(payload)), Encoding.ASCII.GetBytes(token[(dot + 1)..])))
            return null;
        try
        {
            var claims = JsonSerializer.Deserialize<Claims>(FromBase64Url(payload));
            return claims is not null && claims.ExpiresAt > clock.GetUtcNow().ToUnixTimeSeconds() ? claims : null;
        }
        catch (Exception e) when (e is JsonException or FormatException)
        {
            return null;
        }
    }

    /// <summary>A secret derived from the server key and a purpose, e.g. a booking's access key.</summary>
    public string Derive(string purpose, string value) =>
        Base64Url(HMACSHA256.HashData(secrets.TokenKey, Encoding.UTF8.GetBytes(purpose + ":" + value)));

    public bool Matches(string purpose, string value, string? candidate) =>
        candidate is not null &&
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Derive(purpose, value)), Encoding.ASCII.GetBytes(candidate));

    private string Sign(string payload) => Derive("token", payload);

    public static string Base64Url(ReadOnlySpan<byte> bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static byte[] FromBase64Url(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(padded.PadRight(padded.Length + (4 - padded.Length % 4) % 4, '='));
    }
}
