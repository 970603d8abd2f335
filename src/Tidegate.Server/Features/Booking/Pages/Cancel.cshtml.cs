using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Tidegate.Domain.Booking;
using Tidegate.Domain.Payments;
using Tidegate.Server.Data;
using Tidegate.Server.Features.Venue;

namespace Tidegate.Server.Features.Booking.Pages;

/// <summary>Cancel a booking: say what is refunded and until when, then cancel on an explicit second tap.</summary>
public sealed class CancelModel(
    BookingLookup lookup, CancelBooking cancel, Db db, VenueStore venues, TimeProvider clock, IStringLocalizer<SharedResource> text) : PageModel
{
    public BookingView Booking { get; private set; } = null!;
    public string Key { get; private set; } = "";
    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync(string bookingId, string? key, CancellationToken ct) =>
        await LoadAsync(bookingId, key, ct) is null ? NotFound() : Page();

    public async Task<IActionResult> OnPostAsync(string bookingId, string? key, CancellationToken ct)
    {
        var row = await LoadAsync(bookingId, key, ct);
        if (row is null) return NotFound();
        var result = await cancel.ExecuteAsync(row, ct);
        if (result.IsOk) return Redirect(BookingLookup.Link("tickets", row.Id, Key));
        Problem = Messages.For(result.Error, text);
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    private async Task<BookingRow?> LoadAsync(string bookingId, string? key, CancellationToken ct)
    {
        var row = await lookup.FindForPageAsync(bookingId, key, User, ct);
        if (row is null) return null;
        var calendar = await venues.GetAsync(ct);
        Booking = await BookingViews.WithPaymentsAsync(db, row.ToView(calendar.Time, clock.GetUtcNow(), calendar.Settings.SlotMinutes), ct);
        Key = key!;
        if (CancellationRules.Check(row.Status, row.VisitDate, calendar.Time, clock.GetUtcNow()) is { } closed && Booking.Status != BookingStatus.Cancelled)
            Problem = Messages.For(closed, text);
        Response.Headers.CacheControl = "no-store";
        return row;
    }
}
