using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Tidegate.Domain.Booking;
using Tidegate.Domain.Common;
using Tidegate.Domain.Venue;
using Tidegate.Server.Infrastructure.Auth;

namespace Tidegate.Server.Features.Venue.Pages;

/// <summary>
/// /console/calendar: a month of dates (hours, holidays, kind of day, capacity with the box-office
/// share, sold and held, the waiting room's guard) and the prices; with ?date= one date's slots and
/// its changes. Every change goes through the same use case as the admin API, so the refusals
/// (has_bookings, capacity_below_sold) are the API's, said here in words with their numbers.
/// </summary>
[Authorize(Policy = Policies.Operator)]
public sealed class ConsoleCalendarModel(
    CalendarOverview overview, VenueStore venues, ChangeCalendarDay changeDay, ChangeCapacity changeCapacity, ChangeHoliday changeHoliday,
    ChangePrices changePrices, IWaitingRoomDates waitingRoom, TimeProvider clock, IStringLocalizer<CalendarText> text) : PageModel
{
    public DateOnly Month { get; private set; }
    public DateOnly Today { get; private set; }
    public DateTimeOffset Now { get; private set; }
    public IReadOnlyList<CalendarOverview.DateView> Days { get; private set; } = [];
    public CalendarOverview.DateView? Day { get; private set; }
    public IReadOnlyList<CalendarOverview.SlotView> Slots { get; private set; } = [];
    public ChangePrices.Response Prices { get; private set; } = null!;
    public VenueTime Time { get; private set; } = null!;

    /// <summary>A refusal in words, and the form it belongs to (hours, capacity, holiday, guard, prices).</summary>
    public string? Problem { get; private set; }
    public string? ProblemForm { get; private set; }
    /// <summary>The change just made (post-redirect-get), for the notice.</summary>
    public string? Saved { get; private set; }

    /// <summary>What was posted, shown again after a refusal.</summary>
    public Dictionary<string, string?> Posted { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The slot preselected in the capacity form (?start=HH:mm from a slot's row).</summary>
    public string? Start { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? month, string? date, string? saved, string? start, CancellationToken ct)
    {
        Saved = saved is "hours" or "capacity" or "holiday" or "holiday-removed" or "guarded" or "unguarded" or "prices" ? saved : null;
        Start = start;
        await LoadAsync(month, CalendarDates.Parse(date), ct);
        return Page();
    }

    public async Task<IActionResult> OnPostHoursAsync(string date, string? open, string? opensAt, string? closesAt, CancellationToken ct)
    {
        if (CalendarDates.Parse(date) is not { } day) return RedirectToPage();
        Keep(("open", open), ("opensAt", opensAt), ("closesAt", closesAt));
        var isOpen = open != "false";
        if (!ChangeCalendarDay.TryTime(NullIfEmpty(opensAt), out var opens) || !ChangeCalendarDay.TryTime(NullIfEmpty(closesAt), out var closes))
            return await RefuseAsync(day, "hours", text["Invalid_time"], ct);
        var result = await changeDay.ExecuteAsync(day, isOpen, opens, closes, User, ct);
        return result.IsOk ? Done(day, "hours") : await RefuseAsync(day, "hours", Say(result.Error), ct);
    }

    public async Task<IActionResult> OnPostCapacityAsync(string date, string? start, string? capacity, CancellationToken ct)
    {
        if (CalendarDates.Parse(date) is not { } day) return RedirectToPage();
        Keep(("start", start), ("capacity", capacity));
        if (!ChangeCalendarDay.TryTime(NullIfEmpty(start), out var slot))
            return await RefuseAsync(day, "capacity", text["Invalid_start"], ct);
        if (!int.TryParse(capacity, NumberStyles.None, CultureInfo.InvariantCulture, out var places) || places > ChangeCapacity.MaxCapacity)
            return await RefuseAsync(day, "capacity", text["Invalid_capacity", ChangeCapacity.MaxCapacity], ct);
        var result = await changeCapacity.ExecuteAsync(day, slot, places, User, ct);
        return result.IsOk ? Done(day, "capacity") : await RefuseAsync(day, "capacity", Say(result.Error), ct);
    }

    public async Task<IActionResult> OnPostHolidayAsync(string date, string? name, CancellationToken ct)
    {
        if (CalendarDates.Parse(date) is not { } day) return RedirectToPage();
        Keep(("name", name));
        var result = await changeHoliday.SetAsync(day, name, User, ct);
        return result.IsOk ? Done(day, "holiday") : await RefuseAsync(day, "holiday", Say(result.Error), ct);
    }

    public async Task<IActionResult> OnPostRemoveHolidayAsync(string date, CancellationToken ct)
    {
        if (CalendarDates.Parse(date) is not { } day) return RedirectToPage();
        var result = await changeHoliday.RemoveAsync(day, User, ct);
        return result.IsOk ? Done(day, "holiday-removed") : await RefuseAsync(day, "holiday", Say(result.Error), ct);
    }

    public async Task<IActionResult> OnPostGuardAsync(string date, string? guarded, CancellationToken ct)
    {
        if (CalendarDates.Parse(date) is not { } day) return RedirectToPage();
        var guard = guarded == "true";
        await waitingRoom.MarkAsync(day, guard, User, ct);
        return Done(day, guard ? "guarded" : "unguarded");
    }

    public async Task<IActionResult> OnPostPricesAsync(string? month, CancellationToken ct)
    {
        var amounts = new Dictionary<(TicketType, DayKind), int?>();
        foreach (var kind in Enum.GetValues<DayKind>())
        foreach (var type in Enum.GetValues<TicketType>())
        {
            var field = VenueEdits.FieldOf(type, kind);
            var posted = Request.Form[field].ToString();
            Keep((field, posted));
            if (posted.Length == 0) { amounts[(type, kind)] = null; continue; }
            if (!int.TryParse(posted, NumberStyles.None, CultureInfo.InvariantCulture, out var amount)) amount = -1; // refused by the rule, naming the field
            amounts[(type, kind)] = amount;
        }
        ChangePrices.Amounts Of(DayKind kind) => new(
            amounts[(TicketType.Adult, kind)], amounts[(TicketType.Child, kind)], amounts[(TicketType.Infant, kind)], amounts[(TicketType.Toddler, kind)]);
        var result = await changePrices.ExecuteAsync(new ChangePrices.Request(Of(DayKind.Weekday), Of(DayKind.WeekendOrHoliday)), User, ct);
        if (result.IsOk) return RedirectToPage(new { month = MonthText(month), saved = "prices" });
        (Problem, ProblemForm) = (Say(result.Error), "prices");
        await LoadAsync(month, null, ct);
        return Page();
    }

    public string? Value(string field, string? current) => Posted.TryGetValue(field, out var posted) ? posted : current;

    private async Task LoadAsync(string? month, DateOnly? date, CancellationToken ct)
    {
        var calendar = await venues.GetAsync(ct);
        Time = calendar.Time;
        Now = clock.GetUtcNow();
        Today = calendar.Time.Today(Now);
        Month = date is { } d ? new DateOnly(d.Year, d.Month, 1)
            : DateOnly.TryParseExact(month, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var asked)
              && asked >= CalendarDates.First && asked <= CalendarDates.Last ? asked
            : new DateOnly(Today.Year, Today.Month, 1);
        Prices = ChangePrices.Response.Of(calendar.Prices);
        if (date is { } one)
            (Day, Slots) = await overview.DayAsync(one, ct);
        else
            Days = await overview.MonthAsync(Month, ct);
    }

    private async Task<IActionResult> RefuseAsync(DateOnly date, string form, string problem, CancellationToken ct)
    {
        (Problem, ProblemForm) = (problem, form);
        await LoadAsync(null, date, ct);
        return Page();
    }

    private RedirectToPageResult Done(DateOnly date, string saved) => RedirectToPage(new { date = IsoDate.Text(date), saved });

    /// <summary>A refusal in the staff's words, with the numbers the API gives.</summary>
    private string Say(Error error) => error.Code switch
    {
        ErrorCodes.HasBookings => text["HasBookings", Extra(error, "bookings"), Extra(error, "persons")],
        ErrorCodes.CapacityBelowSold => text["CapacityBelowSold", Extra(error, "sold")],
        ErrorCodes.InvalidSlot => text["InvalidSlot"],
        ErrorCodes.NotFound => text["NotHoliday"],
        ErrorCodes.InvalidRequest when error.Extra?.GetValueOrDefault("field") is string field =>
            field.Contains('.') ? text["Invalid_price", Label(field)] : text["Invalid_" + field] is { ResourceNotFound: false } said ? said : error.Detail,
        _ => error.Detail,
    };

    private string Label(string field)
    {
        var parts = field.Split('.');
        return $"{text["Kind_" + parts[0]]} {text["Ticket_" + parts[1]]}";
    }

    private static object Extra(Error error, string name) => error.Extra?.GetValueOrDefault(name) ?? 0;

    private void Keep(params (string Field, string? Value)[] fields)
    {
        foreach (var (field, value) in fields) Posted[field] = value;
    }

    private static string? NullIfEmpty(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static string? MonthText(string? month) =>
        DateOnly.TryParseExact(month, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out _) ? month : null;
}
