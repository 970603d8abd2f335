using System.Diagnostics;

namespace Tidegate.Server.Infrastructure;

/// <summary>
/// One structured log line per request, with its request id, and the id echoed as X-Request-Id.
/// Only method, route path, status and duration: never query strings, headers or bodies, which
/// may carry personal data or keys.
/// </summary>
public sealed class RequestLogging(RequestDelegate next, ILogger<RequestLogging> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        context.Response.Headers["X-Request-Id"] = context.TraceIdentifier;
        try
        {
            await next(context);
        }
        finally
        {
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            var status = context.Response.StatusCode;
            if (status >= 500)
                logger.LogWarning("{Method} {Path} {Status} {ElapsedMs:F1}ms", context.Request.Method, context.Request.Path.Value, status, elapsed);
            else if (logger.IsEnabled(LogLevel.Debug))
                logger.LogDebug("{Method} {Path} {Status} {ElapsedMs:F1}ms", context.Request.Method, context.Request.Path.Value, status, elapsed);
        }
    }
}
