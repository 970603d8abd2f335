using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Tidegate.Domain.Booking;
using Tidegate.Domain.Venue;
using Tidegate.Server.Features.Venue;

namespace Tidegate.Server.Features.Booking.Pages;

/// <summary>Move a paid booking: pick a date, then a slot with room; the price difference is charged or refunded.</summary>
public sealed class ChangeModel(
    BookingLookup lookup, MoveBooking move, VenueStore venues, AvailabilityCache cache, TimeProvider clock, IStringLocalizer<SharedResource> text) : PageModel
{
    public BookingView Booking { get; private set; } = null!;
    public string Key { get; private set; } = "";
    public DateOnly Today { get; private set; }
    public DateOnly LastOpen { get; private set; }
    public DateOnly? Date { get; private set; }
    public int NewAmount { get; private set; }
    public IReadOnlyList<GetAvailability.SlotView> Options { get; private set; } = [];
    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync(string bookingId, string? key, string? date, CancellationToken ct) =>
        await LoadAsync(bookingId, key, date, ct) is null ? NotFound() : Page();

    public async Task<IActionResult> OnPostAsync(string bookingId, string? key, string? date, string? start, CancellationToken ct)
    {
        var row = await LoadAsync(bookingId, key, date, ct);
        if (row is null) return NotFound();
        if (Date is not { } day || BookingInput.ParseTime(start) is not { } time)
        {
            Problem = text["Change_Choose"];
            return Page();
        }
        var result = await move.ExecuteAsync(row, day, time, ct);
        if (result.IsOk)
            return Redirect(result.Value.PaymentRequired is { } due ? due.PaymentUrl : BookingLookup.Link("tickets", row.Id, Key));
        Problem = Messages.For(result.Error, text);
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    private async Task<BookingRow?> LoadAsync(string bookingId, string? key, string? date, CancellationToken ct)
    {
        var row = await lookup.FindForPageAsync(bookingId, key, User, ct);
        if (row is null) return null;
        var calendar = await venues.GetAsync(ct);
        var now = clock.GetUtcNow();
        Booking = row.ToView(calendar.Time, now, calendar.Settings.SlotMinutes);
        Key = key!;
        Today = calendar.Time.Today(now);
        LastOpen = BookingWindow.LastOpenDate(now, calendar.Time);
        Date = BookingInput.ParseDate(date) is { } d && d >= Today && d <= LastOpen ? d : null;
        if (Date is { } day)
        {
            var availability = await cache.ReadAsync(day);
            Options = availability.Slots.Where(s => s.Bookable && s.Remaining >= row.Persons).ToList();
            NewAmount = calendar.Prices.Total(new TicketCounts((int)row.Adults, (int)row.Children, (int)row.Infants, (int)row.Toddlers), day);
        }
        Response.Headers.CacheControl = "no-store";
        return row;
    }
}
