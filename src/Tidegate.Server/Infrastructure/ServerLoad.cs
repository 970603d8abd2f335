using Tidegate.Domain.Common;

namespace Tidegate.Server.Infrastructure;

/// <summary>
/// A bound on requests in progress (Tidegate:Server:MaxInFlight): beyond it the server answers
/// 503 with Retry-After at once instead of queueing work it cannot finish, so overload stays fast.
/// Health probes are always let through.
/// </summary>
public sealed class ServerLoad(RequestDelegate next, ServerOptions options)
{
    private readonly int _max = options.MaxInFlight;
    private int _inFlight;

    public async Task InvokeAsync(HttpContext context)
    {
        if (Interlocked.Increment(ref _inFlight) > _max && !context.Request.Path.StartsWithSegments("/health"))
        {
            Interlocked.Decrement(ref _inFlight);
            await Problems.From(new Error(ErrorCodes.Unavailable, "The server is at capacity: try again in a second.")).ExecuteAsync(context);
            return;
        }
        try
        {
            await next(context);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }
}
