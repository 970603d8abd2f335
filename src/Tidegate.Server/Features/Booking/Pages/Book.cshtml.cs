using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Tidegate.Domain.Booking;
using Tidegate.Domain.Common;
using Tidegate.Server.Features.Venue;

namespace Tidegate.Server.Features.Booking.Pages;

/// <summary>
/// Choose the party and give the guest details; on submit, hold the places or say why not. Under
/// the bookings flood guard like the API (per visitor: the email, checked by <see cref="CreateBooking"/>).
/// </summary>
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(Infrastructure.RateLimits.Bookings)]
public sealed class BookModel(
    VenueStore venues, AvailabilityCache cache, CreateBooking createBooking, BookingConsent consent, IStringLocalizer<SharedResource> text) : PageModel
{
    [BindProperty] public int Adult { get; set; } = 1;
    [BindProperty] public int Child { get; set; }
    [BindProperty] public int Infant { get; set; }
    [BindProperty] public int Toddler { get; set; }
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Email { get; set; }
    /// <summary>The required "I agree to the terms and the cancellation policy" box.</summary>
    [BindProperty] public bool AcceptTerms { get; set; }
    /// <summary>Fixed when the form is shown, so a double submit holds once.</summary>
    [BindProperty] public string IdempotencyKey { get; set; } = Guid.NewGuid().ToString("N");

    public DateOnly Date { get; private set; }
    public GetAvailability.SlotView? Slot { get; private set; }
    public IReadOnlyDictionary<TicketType, int> Prices { get; private set; } = new Dictionary<TicketType, int>();
    public int MaxParty { get; private set; }
    public string? Problem { get; private set; }
    public string? ProblemField { get; private set; }
    public string? ProblemCode { get; private set; }
    public IReadOnlyList<Alternatives.Option> Others { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string date, string start, CancellationToken ct) =>
        await LoadAsync(date, start, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(string date, string start, CancellationToken ct)
    {
        if (!await LoadAsync(date, start, ct)) return NotFound();
        if (!AcceptTerms)
        {
            (Problem, ProblemField, ProblemCode) = (text["Legal_ConsentRequired"], "acceptTerms", "consent_required");
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
        // The ticket email goes out in the language the visitor booked in.
        var request = new CreateBookingRequest(date, start, new TicketsRequest(Adult, Child, Infant, Toddler), Email?.Trim(), Name?.Trim(),
            System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en" ? "en" : "ja", consent.CurrentVersion);
        // The waiting room's page leaves the admission in a short-lived cookie (it spends once, in the hold's transaction).
        var admission = Request.Cookies["tg-admission"] is { } token ? Uri.UnescapeDataString(token) : null;
        var result = await createBooking.ExecuteAsync(request, null, IdempotencyKey, admission, ct);
        if (result.IsOk) return Redirect($"/booking/{result.Value.BookingId}?key={Uri.EscapeDataString(result.Value.AccessKey!)}");

        Problem = Messages.For(result.Error, text, MaxParty);
        ProblemField = result.Error.Extra?.GetValueOrDefault("field") as string;
        ProblemCode = result.Error.Code;
        if (result.Error.Code == ErrorCodes.SoldOut)
        {
            IdempotencyKey = Guid.NewGuid().ToString("N");
            ModelState.Remove(nameof(IdempotencyKey)); // else the form would show the posted key again
            Others = await Alternatives.NearestAsync(Date, Slot!.Start, Adult + Child + Infant + Toddler, cache);
        }
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    private async Task<bool> LoadAsync(string date, string start, CancellationToken ct)
    {
        if (BookingInput.ParseDate(date) is not { } day || BookingInput.ParseTime(start) is not { } time) return false;
        var calendar = await venues.GetAsync(ct);
        var availability = await cache.ReadAsync(day);
        Date = day;
        Slot = availability.Slots.FirstOrDefault(s => TimeOnly.FromDateTime(s.Start.DateTime) == time);
        if (Slot is null) return false;
        Prices = Enum.GetValues<TicketType>().ToDictionary(t => t, t => calendar.Prices.PriceOf(t, day));
        MaxParty = calendar.Settings.MaxPartySize;
        return true;
    }
}
