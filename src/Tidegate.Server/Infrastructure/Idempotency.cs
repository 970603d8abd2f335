using System.Security.Cryptography;
using System.Text.Json;
using Dapper;
using Tidegate.Domain.Common;
using Tidegate.Server.Data;

namespace Tidegate.Server.Infrastructure;

/// <summary>
/// Idempotency-Key support: a repeat with the same key and body from the same caller gets the first
/// response; another body, or another caller, gets 409 idempotency_conflict. The record is written in
/// the same transaction as the thing it created, so a crash never leaves one without the other.
/// </summary>
public sealed class Idempotency(Db db)
{
    public const string Header = "Idempotency-Key";
    public const int MaxKeyLength = 100;

    /// <summary>The record's SQL, run inside the transaction of whatever the request created (the hold batch, a walk-in sale).</summary>
    public const string DeleteIdempotency = "DELETE FROM idempotency_keys WHERE scope = @Scope AND idem_key = @IdemKey";

    public const string InsertIdempotency = """
        INSERT INTO idempotency_keys (scope, idem_key, request_hash, status_code, response_body, created_at)
        VALUES (@Scope, @IdemKey, @RequestHash, @StatusCode, @ResponseBody, @CreatedAt)
        ON CONFLICT (scope, idem_key) DO NOTHING
        """;

    public sealed class Stored
    {
        public string RequestHash { get; set; } = "";
        public long StatusCode { get; set; }
        public string ResponseBody { get; set; } = "";
    }

    /// <summary>The key of the request, null when absent, or an error when it is malformed.</summary>
    public static Result<string?> KeyOf(HttpRequest request)
    {
        if (!request.Headers.TryGetValue(Header, out var values)) return (string?)null;
        var key = values.ToString();
        if (key.Length is 0 or > MaxKeyLength || values.Count > 1)
            return new Error(ErrorCodes.InvalidRequest, $"{Header} must be one string of 1 to {MaxKeyLength} characters.").With("field", Header);
        return key;
    }

    /// <summary>
    /// Who may receive a stored answer (it can carry a booking's access key). The authenticated
    /// principal when there is one: two members whose bodies are identical (members send no name
    /// or email) are still two callers. Otherwise a secret only the original client holds: its
    /// admission token on a guarded date, and always the key itself with the personal data in the
    /// body, which the contract asks to be a fresh random value per booking. Not the client address:
    /// carrier NAT and proxies put thousands of visitors behind one, and one visitor moves between
    /// addresses while retrying.
    /// </summary>
    public static string Caller(string? principal, string? heldToken) =>
        principal is { Length: > 0 } ? "principal:" + principal : heldToken is { Length: > 0 } ? "token:" + heldToken : "anonymous";

    /// <summary>The fingerprint of a request and its caller: only it is stored, never the caller's token.</summary>
    public static string Hash<T>(T request, JsonSerializerOptions options, string caller)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(request, options);
        return Convert.ToHexStringLower(SHA256.HashData([.. body, 0, .. System.Text.Encoding.UTF8.GetBytes(caller)]));
    }

    public async Task<Stored?> FindAsync(string scope, string key, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<Stored>(
            "SELECT request_hash, status_code, response_body FROM idempotency_keys WHERE scope = @scope AND idem_key = @key",
            new { scope, key });
    }

    public static Error Conflict() =>
        new(ErrorCodes.IdempotencyConflict, $"This {Header} was already used with a different request or by another caller.");
}
