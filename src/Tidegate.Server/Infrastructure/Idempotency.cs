using System.Security.Cryptography;
using System.Text.Json;
using Dapper;
using Tidegate.Domain.Common;
using Tidegate.Server.Data;

namespace Tidegate.Server.Infrastructure;

/// <summary>
/// Idempotency-Key support: a repeat with the same key and body gets the first response; another
/// body gets 409 idempotency_conflict. The record is written in the same transaction as the thing
/// it created, so a crash never leaves one without the other.
/// </summary>
public sealed class Idempotency(Db db)
{
    public const string Header = "Idempotency-Key";
    public const int MaxKeyLength = 100;

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

    public static string Hash<T>(T request, JsonSerializerOptions options) =>
        Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(request, options)));

    public async Task<Stored?> FindAsync(string scope, string key, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<Stored>(
            "SELECT request_hash, status_code, response_body FROM idempotency_keys WHERE scope = @scope AND idem_key = @key",
            new { scope, key });
    }

    public static Error Conflict() =>
        new(ErrorCodes.IdempotencyConflict, $"This {Header} was already used with a different request.");
}
