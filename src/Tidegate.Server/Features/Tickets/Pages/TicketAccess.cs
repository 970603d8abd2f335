using System.Security.Claims;
using Tidegate.Server.Data;
using Tidegate.Server.Features.Booking;

namespace Tidegate.Server.Features.Tickets.Pages;

/// <summary>Loads a booking for a page only for the holder of its access key (or its member); otherwise nothing.</summary>
public sealed class TicketAccess(Db db, BookingAccess access)
{
    public async Task<BookingRow?> FindAsync(string bookingId, string? key, ClaimsPrincipal user, CancellationToken ct)
    {
        if (bookingId.Length > 64) return null;
        var row = await BookingRow.FindAsync(db, bookingId, ct);
        return row is not null && access.Allows(row.Id, key, row.MemberId, user) ? row : null;
    }

    /// <summary>"/{page}/{id}{suffix}?key=…", e.g. Link("tickets", id, key, "/cancel").</summary>
    public static string Link(string page, string bookingId, string key, string suffix = "") =>
        $"/{page}/{Uri.EscapeDataString(bookingId)}{suffix}?key={Uri.EscapeDataString(key)}";
}
