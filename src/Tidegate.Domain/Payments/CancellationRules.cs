using Tidegate.Domain.Booking;
using Tidegate.Domain.Common;
using Tidegate.Domain.Venue;

namespace Tidegate.Domain.Payments;

/// <summary>Cancellation and moves by the visitor (SPEC §3): until 23:59 venue time the day before the visit.</summary>
public static class CancellationRules
{
    /// <summary>The first instant at which the visitor can no longer cancel: 00:00 venue time on the visit day.</summary>
    public static DateTimeOffset ClosesAt(DateOnly visitDate, VenueTime time) => time.At(visitDate, TimeOnly.MinValue);

    /// <summary>Null when the booking may be cancelled; a held (unpaid) booking can always be let go.</summary>
    public static Error? Check(string status, DateOnly visitDate, VenueTime time, DateTimeOffset now)
    {
        if (status != BookingStatus.Confirmed) return null;
        var closes = ClosesAt(visitDate, time);
        return now < closes
            ? null
            : new Error(ErrorCodes.CancellationClosed,
                $"Bookings can be cancelled or changed until 23:59 on the day before the visit ({time.Local(closes.AddMinutes(-1)):yyyy-MM-dd HH:mm}).")
                .With("closedAt", time.Local(closes));
    }
}
