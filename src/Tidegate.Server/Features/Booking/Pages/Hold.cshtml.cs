using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tidegate.Domain.Booking;
using Tidegate.Server.Data;
using Tidegate.Server.Features.Venue;

namespace Tidegate.Server.Features.Booking.Pages;

/// <summary>
/// A held booking: what is held, how long the hold has left (from the stored expiry, so reloading
/// never extends it), and the way on to payment. A confirmed booking moves on to its ticket page.
/// </summary>
public sealed class HoldModel(Db db, BookingAccess access, VenueStore venues, TimeProvider clock) : PageModel
{
    public BookingView Booking { get; private set; } = null!;
    public string Key { get; private set; } = "";
    public TimeSpan Left { get; private set; }

    public async Task<IActionResult> OnGetAsync(string bookingId, string? key, CancellationToken ct)
    {
        if (bookingId.Length > 64) return NotFound();
        var row = await BookingRow.FindAsync(db, bookingId, ct);
        if (row is null || !access.Allows(row.Id, key, row.MemberId, User)) return NotFound();
        var calendar = await venues.GetAsync(ct);
        var now = clock.GetUtcNow();
        Booking = row.ToView(calendar.Time, now, calendar.Settings.SlotMinutes);
        Key = key!;
        if (Booking.Status == BookingStatus.Confirmed) return Redirect($"/tickets/{row.Id}?key={Uri.EscapeDataString(Key)}");
        Left = Booking.ExpiresAt is { } expires && expires > now ? expires - now : TimeSpan.Zero;
        Response.Headers.CacheControl = "no-store";
        return Page();
    }
}
