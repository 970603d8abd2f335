using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Tidegate.Domain.Booking;
using Tidegate.Domain.Common;
using Tidegate.Domain.Payments;
using Tidegate.Server.Features.Venue;
using Tidegate.Server.Infrastructure;
using Tidegate.Server.Infrastructure.Auth;

namespace Tidegate.Server.Features.Booking.Pages;

/// <summary>
/// One booking for staff: persons, status, payments and refunds, the ticket's scans. Each view is
/// audited (it shows personal data). Staff cancel on the visitor's behalf in two steps: ?cancel=1
/// shows the refund and asks for a reason, the POST cancels through <see cref="CancelBookingOnBehalf"/>.
/// </summary>
[Authorize(Policy = Policies.Operator)]
public sealed class ConsoleBookingModel(
    FindBookingsForStaff find, CancelBookingOnBehalf cancel, IBookingScans scans, VenueStore venues, TimeProvider clock,
    IStringLocalizer<ConsoleBookingsText> text, IStringLocalizer<SharedResource> shared) : PageModel
{
    public FindBookingsForStaff.Item Booking { get; private set; } = null!;
    public IReadOnlyList<BookingScan> Scans { get; private set; } = [];
    /// <summary>What a cancellation now would give back: everything paid and not yet refunded.</summary>
    public int Refundable { get; private set; }
    public bool CanCancel { get; private set; }
    public string? CancelClosed { get; private set; }
    public bool Confirming { get; private set; }
    public bool Cancelled { get; private set; }
    public string? Problem { get; private set; }

    [BindProperty] public string? Reason { get; set; }

    public async Task<IActionResult> OnGetAsync(string bookingId, int? cancel, int? cancelled, CancellationToken ct)
    {
        if (!await LoadAsync(bookingId, ct)) return NotFound();
        Confirming = cancel == 1 && CanCancel;
        Cancelled = cancelled == 1 && Booking.Status == BookingStatus.Cancelled;
        return Page();
    }

    public async Task<IActionResult> OnPostCancelAsync(string bookingId, CancellationToken ct)
    {
        var result = await cancel.ExecuteAsync(bookingId, Reason, User, ct);
        if (result.IsOk) return Redirect($"/console/bookings/{Uri.EscapeDataString(bookingId)}?cancelled=1");
        if (result.Error.Code == ErrorCodes.NotFound || !await LoadAsync(bookingId, ct)) return NotFound();
        Confirming = CanCancel;
        Problem = MessageFor(result.Error);
        Response.StatusCode = Problems.StatusOf(result.Error.Code);
        return Page();
    }

    private string MessageFor(Error error)
    {
        var specific = text["Error_" + error.Code];
        return specific.ResourceNotFound ? Messages.For(error, shared) : specific;
    }

    private async Task<bool> LoadAsync(string bookingId, CancellationToken ct)
    {
        Response.Headers.CacheControl = "no-store";
        if (bookingId.Length > 64) return false;
        var found = await find.ExecuteAsync(null, bookingId, User, ct);
        if (!found.IsOk || found.Value.Count == 0) return false;
        Booking = found.Value[0];
        Scans = await scans.OfBookingAsync(Booking.BookingId, ct);
        Refundable = Math.Max(0, Booking.Payments.Where(p => p.Status == PaymentStatus.Succeeded).Sum(p => p.Amount) - Booking.Refunds.Sum(r => r.Amount));
        var calendar = await venues.GetAsync(ct);
        if (Booking.Status is BookingStatus.Held or BookingStatus.Confirmed)
        {
            CancelClosed = CancellationRules.Check(Booking.Status, IsoDate.Parse(Booking.Date), calendar.Time, clock.GetUtcNow()) is { } closed
                ? MessageFor(closed) : null;
            CanCancel = CancelClosed is null;
        }
        return true;
    }

    public static string BadgeOf(string status) => status switch
    {
        BookingStatus.Confirmed => "ok",
        BookingStatus.Held => "warn",
        _ => "bad",
    };
}
