using Dapper;
using Tidegate.Server.Data;
using Tidegate.Server.Features.Booking;
using Tidegate.Server.Features.Venue;

namespace Tidegate.Server.Features.Gates;

/// <summary>The scans of one booking (admissions and refusals), oldest first, for the console's booking page.</summary>
public sealed class BookingScans(Db db, VenueStore venues) : IBookingScans
{
    public async Task<IReadOnlyList<BookingScan>> OfBookingAsync(string bookingId, CancellationToken ct)
    {
        var time = (await venues.GetAsync(ct)).Time;
        await using var connection = await db.OpenAsync(ct);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(GateSql.ScansOfBooking, new { BookingId = bookingId }, cancellationToken: ct));
        return rows.Select(r => new BookingScan(time.Local(DateTimeOffset.FromUnixTimeMilliseconds(r.ScannedAt)), r.GateId, r.Result, r.Reason,
            (int)r.Admitted, r.Offline != 0)).ToList();
    }

    private sealed class Row
    {
        public long ScannedAt { get; set; }
        public string GateId { get; set; } = "";
        public string Result { get; set; } = "";
        public string? Reason { get; set; }
        public long Admitted { get; set; }
        public long Offline { get; set; }
    }
}
