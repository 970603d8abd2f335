using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Tidegate.Domain.Booking;
using Tidegate.Domain.Common;
using Tidegate.Domain.Venue;
using Tidegate.Server.Features.Venue;

namespace Tidegate.Server.Features.Booking.Pages;

/// <summary>
/// Choose the party and give the guest details; on submit, hold the places or say why not. Under
/// the bookings flood guard like the API (per visitor: the email, checked by <see cref="CreateBooking"/>).
/// Before a guarded date opens, the same form is filled in advance and joins the waiting room (the
/// details wait in the tab's sessionStorage, never in a URL); while the line guards the date, a
/// visitor without an admission is sent into it. A visitor who comes back (Back, reload) to a date
/// where they hold places sees that hold, and submitting again releases it and holds the new party.
/// </summary>
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(Infrastructure.RateLimits.Bookings)]
public sealed class BookModel(
    VenueStore venues, AvailabilityCache cache, CreateBooking createBooking, CancelBooking cancel, BookingLookup lookup,
    IWaitingRoom waitingRoom, BookingConsent consent, TimeProvider clock, IStringLocalizer<SharedResource> text) : PageModel
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
    /// <summary>The pending hold the visitor was shown and chose to replace (it must also be the one in their cookie).</summary>
    [BindProperty] public string? ReplaceHold { get; set; }

    public DateOnly Date { get; private set; }
    public GetAvailability.SlotView? Slot { get; private set; }
    public IReadOnlyDictionary<TicketType, int> Prices { get; private set; } = new Dictionary<TicketType, int>();
    public int MaxParty { get; private set; }
    public string? Problem { get; private set; }
    public string? ProblemField { get; private set; }
    public string? ProblemCode { get; private set; }
    public IReadOnlyList<Alternatives.Option> Others { get; private set; } = [];
    /// <summary>Before the opening of a date the waiting room will guard: the form joins the line instead of holding.</summary>
    public bool Prepare { get; private set; }
    public DateTimeOffset OpensAt { get; private set; }
    /// <summary>The visitor's own unpaid hold on this date, with its page's address and the time it has left.</summary>
    public BookingView? Pending { get; private set; }
    public string? PendingLink { get; private set; }
    public TimeSpan PendingLeft { get; private set; }
    /// <summary>The line guards the date and this visitor came through it.</summary>
    public bool Admitted { get; private set; }

    public async Task<IActionResult> OnGetAsync(string date, string start, CancellationToken ct)
    {
        if (!await LoadAsync(date, start, ct)) return NotFound();
        if (IntoTheLine() is { } line) return line;
        await FindPendingAsync(ct);
        if (Pending is not null)
        {
            (Adult, Child, Infant, Toddler) = (Pending.Tickets.Adult, Pending.Tickets.Child, Pending.Tickets.Infant, Pending.Tickets.Toddler);
            ReplaceHold = Pending.BookingId;
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string date, string start, CancellationToken ct)
    {
        if (!await LoadAsync(date, start, ct)) return NotFound();
        if (Prepare) return Redirect(QueueLink); // without script: into the line (the details cannot travel in the URL)
        if (IntoTheLine() is { } line) return line;
        await FindPendingAsync(ct);
        if (!AcceptTerms)
        {
            (Problem, ProblemField, ProblemCode) = (text["Legal_ConsentRequired"], "acceptTerms", "consent_required");
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
        if (Pending is not null && ReplaceHold == Pending.BookingId)
        {
            // "Release and change": the old places go back (once: a compare-and-set), then the new party is held.
            var row = await lookup.FindForPageAsync(Pending.BookingId, PendingKey, User, ct);
            if (row is not null) await cancel.ExecuteAsync(row, ct);
            Pending = null;
            Response.Cookies.Delete(HoldCookie);
        }
        // The ticket email goes out in the language the visitor booked in.
        var request = new CreateBookingRequest(date, start, new TicketsRequest(Adult, Child, Infant, Toddler), Email?.Trim(), Name?.Trim(),
            System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en" ? "en" : "ja", consent.CurrentVersion);
        // The waiting room's page leaves the admission in a short-lived cookie (it spends once, in the hold's transaction).
        var admission = Request.Cookies[IWaitingRoom.AdmissionCookie] is { } token ? Uri.UnescapeDataString(token) : null;
        var result = await createBooking.ExecuteAsync(request, null, IdempotencyKey, admission, ct);
        if (result.IsOk)
        {
            var created = result.Value;
            Response.Cookies.Append(HoldCookie, Uri.EscapeDataString(created.BookingId) + "." + Uri.EscapeDataString(created.AccessKey!), new CookieOptions
            {
                HttpOnly = true, Secure = Request.IsHttps, SameSite = SameSiteMode.Lax, Path = "/", IsEssential = true,
                MaxAge = created.ExpiresAt - clock.GetUtcNow(), // relative: a phone's wrong clock cannot shorten it
            });
            return Redirect(BookingLookup.Link("booking", created.BookingId, created.AccessKey!));
        }

        Problem = Messages.For(result.Error, text, MaxParty);
        ProblemField = result.Error.Extra?.GetValueOrDefault("field") as string;
        ProblemCode = result.Error.Code;
        if (result.Error.Code == ErrorCodes.SoldOut)
        {
            IdempotencyKey = Guid.NewGuid().ToString("N");
            ModelState.Remove(nameof(IdempotencyKey)); // else the form would show the posted key again
            Others = await Alternatives.NearestAsync(Date, Slot!.Start, Adult + Child + Infant + Toddler, cache);
        }
        if (Pending is not null)
        {
            // A stale page (Back to a copy without the hold): show the hold now; the next submit replaces it.
            ReplaceHold = Pending.BookingId;
            ModelState.Remove(nameof(ReplaceHold));
            IdempotencyKey = Guid.NewGuid().ToString("N");
            ModelState.Remove(nameof(IdempotencyKey));
        }
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    public const string HoldCookie = "tg-hold";

    public string QueueLink => $"/queue/{IsoDate.Text(Date)}?start={Slot!.Start:HH:mm}";

    private string? PendingKey { get; set; }

    /// <summary>While the line guards the date, a visitor without a valid admission goes into it (not to a form refused on submit).</summary>
    private IActionResult? IntoTheLine()
    {
        if (!Slot!.Bookable || !waitingRoom.Guards(Date, OpensAt, clock.GetUtcNow())) return null;
        Admitted = waitingRoom.Admits(Request.Cookies[IWaitingRoom.AdmissionCookie], Date, OpensAt, clock.GetUtcNow());
        return Admitted ? null : Redirect(QueueLink);
    }

    /// <summary>The visitor's own hold on this date, from their cookie (its access key), if still held.</summary>
    private async Task FindPendingAsync(CancellationToken ct)
    {
        if (Request.Cookies[HoldCookie] is not { } cookie || cookie.Split('.', 2) is not [var id, var key]) return;
        id = Uri.UnescapeDataString(id);
        key = Uri.UnescapeDataString(key);
        var row = await lookup.FindForPageAsync(id, key, User, ct);
        var now = clock.GetUtcNow();
        if (row is null || row.VisitDate != Date || row.StatusAt(now) != BookingStatus.Held) return;
        var calendar = await venues.GetAsync(ct);
        Pending = row.ToView(calendar.Time, now, calendar.Settings.SlotMinutes);
        PendingKey = key;
        PendingLink = BookingLookup.Link("booking", id, key);
        PendingLeft = row.ExpiresAt!.Value - now;
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
        OpensAt = BookingWindow.OpensAt(day, calendar.Time);
        var now = clock.GetUtcNow();
        Prepare = !Slot.Bookable && now < OpensAt && OpensAt - now <= Venue.Pages.Opening.CountdownFrom && Slot.Remaining > 0
                  && waitingRoom.Guards(day, OpensAt, OpensAt);
        Response.Headers.CacheControl = "no-store"; // Back and reload ask again, so a pending hold is shown
        return true;
    }
}
