using System.Security.Claims;
using Tidegate.Domain.Common;
using Tidegate.Server.Features.Audit;

namespace Tidegate.Server.Features.Booking;

/// <summary>
/// Staff cancel a booking for the visitor (the console's booking page): the visitor's own
/// <see cref="CancelBooking"/> with the same deadline and refund, plus who did it and why in the
/// audit log (action booking.cancelled), written in the cancelling transaction. Staff are
/// authorised by the page's policy, so no access key is asked for.
/// </summary>
public sealed class CancelBookingOnBehalf(BookingLookup lookup, CancelBooking cancel)
{
    public const string Action = "booking.cancelled";

    /// <summary>Why staff cancel, as a fixed list: the audit log keeps no free text (it could hold personal data).</summary>
    public static readonly IReadOnlyList<string> Reasons = ["visitor_request", "at_counter", "venue_issue", "duplicate", "other"];

    public async Task<Result<BookingView>> ExecuteAsync(string bookingId, string? reason, ClaimsPrincipal user, CancellationToken ct)
    {
        if (reason is null || !Reasons.Contains(reason))
            return new Error(ErrorCodes.InvalidRequest, $"'reason' must be one of {string.Join(", ", Reasons)}.").With("field", "reason");
        if (bookingId.Length > 64 || await lookup.ByIdAsync(bookingId, ct) is not { } row) return new Error(ErrorCodes.NotFound, "No such booking.");
        return await cancel.ExecuteAsync(row, AuditEvent.By(user, Action, row.Id, $"on the visitor's behalf, reason {reason}"), ct);
    }
}
