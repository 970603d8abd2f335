using Tidegate.Domain.Common;

namespace Tidegate.Server.Infrastructure;

/// <summary>Turns rule errors into RFC 9457 problem responses carrying the contract's code.</summary>
public static class Problems
{
    private static readonly Dictionary<string, (int Status, string Title)> Known = new()
    {
        [ErrorCodes.InvalidRequest] = (400, "Invalid request"),
        [ErrorCodes.Unauthorized] = (401, "Unauthorized"),
        [ErrorCodes.Forbidden] = (403, "Forbidden"),
        [ErrorCodes.QueueRequired] = (403, "Waiting room required"),
        [ErrorCodes.NotFound] = (404, "Not found"),
        [ErrorCodes.IdempotencyConflict] = (409, "Idempotency key reused"),
        [ErrorCodes.SoldOut] = (409, "Sold out"),
        [ErrorCodes.HoldExpired] = (409, "Hold expired"),
        [ErrorCodes.BookingNotOpen] = (422, "Booking not open yet"),
        [ErrorCodes.BookingClosed] = (422, "Booking closed"),
        [ErrorCodes.VenueClosed] = (422, "Venue closed"),
        [ErrorCodes.InvalidSlot] = (422, "Invalid slot"),
        [ErrorCodes.InvalidPartySize] = (422, "Invalid party size"),
        [ErrorCodes.LimitExceeded] = (422, "Booking limit exceeded"),
        [ErrorCodes.CancellationClosed] = (422, "Cancellation closed"),
        [ErrorCodes.CapacityBelowSold] = (409, "Capacity below sold"),
        [ErrorCodes.HasBookings] = (409, "Day has bookings"),
        [ErrorCodes.Throttled] = (429, "Too many requests"),
        [ErrorCodes.PaymentUnavailable] = (503, "Payment unavailable"),
        [ErrorCodes.Unavailable] = (503, "Service unavailable"),
        [ErrorCodes.NotPayable] = (409, "Not payable"),
        [ErrorCodes.NotConfirmed] = (409, "Booking not confirmed"),
        [ErrorCodes.InvalidCredentials] = (401, "Invalid credentials"),
        [ErrorCodes.OtpRequired] = (401, "One-time code required"),
        [ErrorCodes.WeakPassword] = (422, "Weak password"),
        [ErrorCodes.EmailTaken] = (409, "Email taken"),
        [ErrorCodes.AlreadyResolved] = (409, "Already resolved"),
    };

    public static int StatusOf(string code) => Known.TryGetValue(code, out var known) ? known.Status : 400;

    /// <summary>
    /// The problem response; <c>unavailable</c> (a full queue, the in-flight bound) always carries
    /// Retry-After: 1, <c>throttled</c> its <c>retryAfter</c> seconds (1 when not given).
    /// </summary>
    public static IResult From(Error error)
    {
        var (status, title) = Known.TryGetValue(error.Code, out var known) ? known : (400, "Bad request");
        var extensions = new Dictionary<string, object?> { ["code"] = error.Code };
        foreach (var (name, value) in error.Extra ?? new Dictionary<string, object?>())
            extensions[name] = value;
        var problem = TypedResults.Problem(error.Detail, statusCode: status, title: title,
            type: $"https://tidegate.dev/problems/{error.Code}", extensions: extensions);
        return error.Code switch
        {
            ErrorCodes.Unavailable => new RetryAfter(problem, 1),
            ErrorCodes.Throttled => new RetryAfter(problem, error.Extra?.GetValueOrDefault("retryAfter") as int? ?? 1),
            _ => problem,
        };
    }

    private sealed class RetryAfter(IResult problem, int seconds) : IResult
    {
        public Task ExecuteAsync(HttpContext http)
        {
            http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return problem.ExecuteAsync(http);
        }
    }

    public static IResult Invalid(string field, string detail) =>
        From(new Error(ErrorCodes.InvalidRequest, detail).With("field", field));

    public static IResult NotFound(string detail = "Not found.") => From(new Error(ErrorCodes.NotFound, detail));
}
