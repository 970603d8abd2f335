using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Tidegate.Domain.Booking;
using Tidegate.Server.Features.Venue;

namespace Tidegate.Server.Features.Booking.Pages;

/// <summary>
/// A held booking: what is held, how long the hold has left (from the stored expiry, so reloading
/// never extends it), and the way on to payment. A confirmed booking moves on to its ticket page.
/// </summary>
public sealed class HoldModel(
    BookingLookup lookup, CheckoutBooking checkout, CancelBooking cancel, VenueStore venues, TimeProvider clock, IStringLocalizer<SharedResource> text) : PageModel
{
    public BookingView Booking { get; private set; } = null!;
    public string Key { get; private set; } = "";
    public TimeSpan Left { get; private set; }
    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync(string bookingId, string? key, CancellationToken ct)
    {
        var row = await LoadAsync(bookingId, key, ct);
        if (row is null) return NotFound();
        return Booking.Status == BookingStatus.Confirmed ? Redirect(BookingLookup.Link("tickets", row.Id, Key)) : Page();
    }

    /// <summary>On to the provider's card page (the same payment again if the visitor comes back).</summary>
    public async Task<IActionResult> OnPostPayAsync(string bookingId, string? key, CancellationToken ct)
    {
        var row = await LoadAsync(bookingId, key, ct);
        if (row is null) return NotFound();
        var result = await checkout.ExecuteAsync(row, ct);
        if (result.IsOk) return Redirect(result.Value.PaymentUrl);
        Problem = Messages.For(result.Error, text);
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    /// <summary>Let the places go before the hold runs out.</summary>
    public async Task<IActionResult> OnPostReleaseAsync(string bookingId, string? key, CancellationToken ct)
    {
        var row = await LoadAsync(bookingId, key, ct);
        if (row is null) return NotFound();
        var result = await cancel.ExecuteAsync(row, ct);
        if (!result.IsOk) Problem = Messages.For(result.Error, text);
        return Problem is null ? Redirect(BookingLookup.Link("booking", row.Id, Key)) : Page();
    }

    private async Task<BookingRow?> LoadAsync(string bookingId, string? key, CancellationToken ct)
    {
        var row = await lookup.FindForPageAsync(bookingId, key, User, ct);
        if (row is null) return null;
        var calendar = await venues.GetAsync(ct);
        var now = clock.GetUtcNow();
        Booking = row.ToView(calendar.Time, now, calendar.Settings.SlotMinutes);
        Key = key!;
        Left = Booking.ExpiresAt is { } expires && expires > now ? expires - now : TimeSpan.Zero;
        Response.Headers.CacheControl = "no-store";
        return row;
    }
}
