using System.Text.Json;
using Tidegate.Domain.Common;

namespace Tidegate.Server.Infrastructure;

/// <summary>
/// Reads a JSON request body with a size limit and turns every way it can be malformed into an
/// invalid_request error naming the field, so no bad body ever reaches a rule or becomes a 5xx.
/// </summary>
public static class JsonBody
{
    public const int DefaultLimit = 16 * 1024;

    public static async Task<Result<T>> ReadAsync<T>(HttpRequest request, JsonSerializerOptions options, int limit = DefaultLimit)
        where T : class
    {
        if (request.ContentLength > limit) return TooLarge(limit);
        var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > limit) return TooLarge(limit);
        }
        if (buffer.Length == 0) return Invalid("$", "The request needs a JSON body.");
        try
        {
            var value = JsonSerializer.Deserialize<T>(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), options);
            return value is null ? Invalid("$", "The request body must be a JSON object.") : value;
        }
        catch (JsonException e)
        {
            var field = string.IsNullOrEmpty(e.Path) ? "$" : e.Path;
            var detail = e.Message.Contains("could not be mapped", StringComparison.Ordinal)
                ? $"'{Field(field)}' is not a known field."
                : field == "$" ? "The request body is not valid JSON of the expected shape."
                : $"The field '{Field(field)}' has the wrong type or format.";
            return Invalid(field, detail);
        }
    }

    private static Error TooLarge(int limit) =>
        new Error(ErrorCodes.InvalidRequest, $"The request body is larger than {limit} bytes.").With("field", "$");

    private static Error Invalid(string path, string detail) =>
        new Error(ErrorCodes.InvalidRequest, detail).With("field", Field(path));

    /// <summary>"$.tickets.adult" becomes "tickets.adult".</summary>
    public static string Field(string path) => path.StartsWith("$.") ? path[2..] : path;
}
