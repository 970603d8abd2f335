using Tidegate.Server.Data;
using Tidegate.Server.Features.Venue;
using Tidegate.Server.Infrastructure;

namespace Tidegate.Server.Features.Booking;

/// <summary>GET /api/v1/bookings/{id}: the booking, for the holder of its access key or its member.</summary>
public sealed class GetBooking(Db db, VenueStore venues, IBookingTicket tickets, TimeProvider clock)
{
    public const string KeyHeader = BookingLookup.KeyHeader;

    public static async Task<IResult> Handle(string bookingId, HttpRequest http, BookingLookup lookup, GetBooking useCase, CancellationToken ct)
    {
        var found = await lookup.FindAsync(bookingId, http, ct);
        return found.IsOk ? TypedResults.Ok(await useCase.ExecuteAsync(found.Value, ct)) : Problems.From(found.Error);
    }

    /// <summary>The booking as answered: its ticket once confirmed, and what was paid and refunded.</summary>
    public async Task<BookingView> ExecuteAsync(BookingRow row, CancellationToken ct)
    {
        var calendar = await venues.GetAsync(ct);
        var view = tickets.Attach(row, row.ToView(calendar.Time, clock.GetUtcNow(), calendar.Settings.SlotMinutes));
        return await BookingViews.WithPaymentsAsync(db, view, ct);
    }
}
