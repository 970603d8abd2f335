using Tidegate.Server.Data;
using Tidegate.Server.Features.Venue;
using Tidegate.Server.Infrastructure;

namespace Tidegate.Server.Features.Booking;

/// <summary>GET /api/v1/bookings/{id}: the booking, for the holder of its access key or its member.</summary>
public static class GetBooking
{
    public const string KeyHeader = BookingLookup.KeyHeader;

    public static async Task<IResult> Handle(
        string bookingId, HttpRequest http, Db db, BookingLookup lookup, VenueStore venues,
        TimeProvider clock, IBookingTicket tickets, CancellationToken ct)
    {
        var found = await lookup.FindAsync(bookingId, http, ct);
        if (!found.IsOk) return Problems.From(found.Error);
        var row = found.Value;
        var calendar = await venues.GetAsync(ct);
        var view = row.ToView(calendar.Time, clock.GetUtcNow(), calendar.Settings.SlotMinutes);
        view = tickets.Attach(row, view);
        return TypedResults.Ok(await BookingViews.WithPaymentsAsync(db, view, ct));
    }
}
