using Dapper;
using Tidegate.Domain.Booking;
using Tidegate.Domain.Common;
using Tidegate.Domain.Venue;
using Tidegate.Server.Data;

namespace Tidegate.Server.Features.Booking;

/// <summary>A booking as stored. Personal data stays encrypted here; only a view decrypts it.</summary>
public sealed class BookingRow
{
    public string Id { get; set; } = "";
    public DateOnly VisitDate { get; set; }
    public long StartMinute { get; set; }
    public string Status { get; set; } = "";
    public string Channel { get; set; } = "";
    public long Adults { get; set; }
    public long Children { get; set; }
    public long Infants { get; set; }
    public long Toddlers { get; set; }
    public long Persons { get; set; }
    public long Amount { get; set; }
    public string PersonKey { get; set; } = "";
    public string? MemberId { get; set; }
    public string? EmailEnc { get; set; }
    public string? NameEnc { get; set; }
    /// <summary>"ja" or "en": the ticket email's language; null for both.</summary>
    public string? Language { get; set; }
    public long CreatedAt { get; set; }
    public DateTimeOffset? ExpiresAt { get; set; }
    public DateTimeOffset? ConfirmedAt { get; set; }
    public long? EndedAt { get; set; }
    /// <summary>Bumped whenever the booking's ticket changes (a move); codes with an older serial are revoked.</summary>
    public long TicketSerial { get; set; }
    /// <summary>Persons the gates have let in so far.</summary>
    public long AdmittedPersons { get; set; }

    /// <summary>A lapsed hold is expired the moment it lapses, whether or not the sweeper has run.</summary>
    public string StatusAt(DateTimeOffset now) =>
        Status == BookingStatus.Held && ExpiresAt is { } expires && now >= expires ? BookingStatus.Expired : Status;

    public BookingView ToView(VenueTime time, DateTimeOffset now, int slotMinutes)
    {
        var start = SlotGrid.AtMinute((int)StartMinute);
        var slot = new Slot(VisitDate, start, start.AddMinutes(slotMinutes));
        return new BookingView(Id, StatusAt(now), IsoDate.Text(VisitDate), new SlotTimes(time.Start(slot), time.End(slot)),
            new TicketCountsView((int)Adults, (int)Children, (int)Infants, (int)Toddlers), (int)Persons, (int)Amount, "JPY",
            ExpiresAt is { } e ? time.Local(e) : null,
            ConfirmedAt is { } c ? time.Local(c) : null);
    }

    public static async Task<BookingRow?> FindAsync(Db db, string id, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<BookingRow>("SELECT * FROM bookings WHERE id = @id", new { id });
    }
}
