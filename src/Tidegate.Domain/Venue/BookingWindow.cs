namespace Tidegate.Domain.Venue;

/// <summary>
/// Bookings for visit date D open at 00:00 venue time on D minus one calendar month; where that
/// day does not exist, on the last day of that month (DateOnly.AddMonths clamps exactly so).
/// </summary>
public static class BookingWindow
{
    public static DateOnly OpeningDay(DateOnly visitDate) => visitDate.AddMonths(-1);

    public static DateTimeOffset OpensAt(DateOnly visitDate, VenueTime time) =>
        time.At(OpeningDay(visitDate), TimeOnly.MinValue);

    /// <summary>The last visit date whose window is open at <paramref name="now"/>.</summary>
    public static DateOnly LastOpenDate(DateTimeOffset now, VenueTime time)
    {
        var today = time.Today(now);
        var candidate = today.AddMonths(1);
        // Month ends: several visit dates can share one opening day (29-31 March all open on 28 Feb).
        while (OpeningDay(candidate.AddDays(1)) <= today) candidate = candidate.AddDays(1);
        return candidate;
    }
}
