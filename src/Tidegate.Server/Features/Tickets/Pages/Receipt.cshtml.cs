using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tidegate.Domain.Booking;
using Tidegate.Domain.Payments;
using Tidegate.Server.Data;
using Tidegate.Server.Features.Booking;
using Tidegate.Server.Features.Payments;
using Tidegate.Server.Features.Site.Legal;
using Tidegate.Server.Features.Venue;
using Tidegate.Server.Infrastructure.Privacy;

namespace Tidegate.Server.Features.Tickets.Pages;

/// <summary>
/// The receipt (領収書) of a paid booking, reached from the ticket page with the same access key and
/// printed to PDF by the browser (print stylesheet). A qualified invoice's particulars: issuer and
/// registration number, date of payment, what for, amount including tax with the tax at 10%, and the
/// addressee (the booking's name, editable before printing). Anything but a confirmed, paid booking: 404.
/// </summary>
public sealed class ReceiptModel(BookingLookup lookup, Db db, VenueStore venues, PersonalData personal, LegalOptions legal) : PageModel
{
    public string Number { get; private set; } = "";
    public DateOnly PaidOn { get; private set; }
    public string Addressee { get; private set; } = "";
    public int Amount { get; private set; }
    public int Tax { get; private set; }
    public DateOnly VisitDate { get; private set; }
    public int Persons { get; private set; }
    public LegalOptions Legal => legal;
    public string TicketLink { get; private set; } = "";

    /// <summary>The consumption tax inside a tax-included amount, rounded down (端数切り捨て).</summary>
    public static int TaxIncluded(int amount, int ratePercent) => amount * ratePercent / (100 + ratePercent);

    public async Task<IActionResult> OnGetAsync(string bookingId, string? key, CancellationToken ct)
    {
        var row = await lookup.FindForPageAsync(bookingId, key, User, ct);
        if (row is null || row.Status != BookingStatus.Confirmed) return NotFound();
        List<PaymentRow> payments;
        await using (var connection = await db.OpenAsync(ct))
            payments = (await PaymentRow.OfBookingAsync(connection, null, row.Id)).Where(p => p.Status == PaymentStatus.Succeeded).ToList();
        if (payments.Count == 0 || row.Amount <= 0) return NotFound(); // a free party (0〜3歳 only) or a walk-in paid at the counter
        var calendar = await venues.GetAsync(ct);
        var paidAt = payments.Max(p => p.SettledAt ?? p.UpdatedAt);
        PaidOn = DateOnly.FromDateTime(calendar.Time.Local(DateTimeOffset.FromUnixTimeMilliseconds(paidAt)).DateTime);
        Number = row.Id.ToUpperInvariant();
        Addressee = row.NameEnc is null ? "" : personal.Decrypt(row.NameEnc);
        Amount = (int)row.Amount;
        Tax = TaxIncluded(Amount, legal.TaxRatePercent);
        VisitDate = row.VisitDate;
        Persons = (int)row.Persons;
        TicketLink = BookingLookup.Link("tickets", row.Id, key ?? "");
        Response.Headers.CacheControl = "no-store";
        return Page();
    }
}
