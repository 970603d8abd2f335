using Microsoft.Extensions.Options;
using Tidegate.Domain.Common;
using JsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace Tidegate.Server.Infrastructure;

/// <summary>
/// A handler's JSON body, read once by <see cref="JsonBody"/> (size limit, a 400 naming the field).
/// Routes with <see cref="BodyFilter.WithBody{T}"/> have it read and refused before the handler runs;
/// a handler that must answer something else first (a 404 before a 400) reads it itself with <see cref="ReadAsync"/>.
/// </summary>
public sealed class Body<T> where T : class
{
    private readonly HttpContext _http;
    private Result<T>? _read;

    private Body(HttpContext http) => _http = http;

    /// <summary>Minimal APIs bind the parameter by this; nothing is read until the filter or the handler asks.</summary>
    public static ValueTask<Body<T>?> BindAsync(HttpContext http) => ValueTask.FromResult<Body<T>?>(new Body<T>(http));

    /// <summary>The body, read on the first call only.</summary>
    public async Task<Result<T>> ReadAsync() =>
        _read ??= await JsonBody.ReadAsync<T>(_http.Request, _http.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions);

    /// <summary>The body the filter accepted.</summary>
    public T Value => _read?.Value ?? throw new InvalidOperationException($"The body of this route is not read: add .WithBody<{typeof(T).Name}>().");
}

public static class BodyFilter
{
    /// <summary>Reads the route's JSON body before the handler and answers a malformed one with today's field-naming 400.</summary>
    public static RouteHandlerBuilder WithBody<T>(this RouteHandlerBuilder builder) where T : class =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var read = await context.Arguments.OfType<Body<T>>().Single().ReadAsync();
            return read.IsOk ? await next(context) : Problems.From(read.Error);
        });
}
