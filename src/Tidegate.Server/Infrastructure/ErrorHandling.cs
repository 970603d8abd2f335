using Microsoft.AspNetCore.Diagnostics;
using Tidegate.Domain.Common;
using Tidegate.Server.Data;

namespace Tidegate.Server.Infrastructure;

/// <summary>
/// The one handler for the truly unexpected: a problem+json 500 with the request id, no stack
/// trace. Framework-level bad requests (malformed route values, oversized bodies) become 400s, and
/// a full writer queue or an unreachable database a 503 with Retry-After.
/// </summary>
public sealed class ErrorHandling(ILogger<ErrorHandling> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken ct)
    {
        if (exception is BadHttpRequestException bad)
        {
            await Problems.From(new Error(ErrorCodes.InvalidRequest, "The request is malformed or too large.").With("field", "$"))
                .ExecuteAsync(context);
            logger.LogInformation("Bad request {Status}: {Reason}", bad.StatusCode, bad.Message);
            return true;
        }
        if (DatabaseUnreachable.Is(exception))
        {
            await Problems.From(new Error(ErrorCodes.Unavailable, "The database cannot be reached for a moment: try again in a second.")).ExecuteAsync(context);
            logger.LogWarning("Database unreachable on {Method} {Path}: {Reason}", context.Request.Method, context.Request.Path.Value, exception.GetType().Name);
            return true;
        }
        if (exception is OverloadedException)
        {
            // A bounded writer queue is full (the write lane, say): a fast 503 the client retries, never a 500.
            await Problems.From(new Error(ErrorCodes.Unavailable, "The server is very busy: try again in a second.")).ExecuteAsync(context);
            logger.LogWarning("Overloaded on {Method} {Path}: {Reason}", context.Request.Method, context.Request.Path.Value, exception.Message);
            return true;
        }
        if (exception is OperationCanceledException && context.RequestAborted.IsCancellationRequested) return true;
        if (await context.RequestServices.GetRequiredService<StorageFull>().TryHandleAsync(context, exception)) return true;
        logger.LogError(exception, "Unhandled error on {Method} {Path}", context.Request.Method, context.Request.Path.Value);
        await TypedResults.Problem("An unexpected error occurred. Quote the request id when reporting it.", statusCode: 500,
            title: "Internal error", extensions: new Dictionary<string, object?> { ["code"] = "internal_error", ["requestId"] = context.TraceIdentifier })
            .ExecuteAsync(context);
        return true;
    }
}
