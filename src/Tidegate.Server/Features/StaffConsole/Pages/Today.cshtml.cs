using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Tidegate.Domain.Common;
using Tidegate.Domain.Venue;
using Tidegate.Server.Data;
using Tidegate.Server.Features.Booking;
using Tidegate.Server.Features.BoxOffice;
using Tidegate.Server.Features.Devices;
using Tidegate.Server.Features.Gates;
using Tidegate.Server.Features.Venue;
using Tidegate.Server.Infrastructure.Auth;

namespace Tidegate.Server.Features.StaffConsole.Pages;

/// <summary>
/// The console's first page, the day at a glance: inside now and its level, entries and refusals
/// by slot beside the box office's places left, gate conflicts to resolve, and the devices online.
/// Every staff role reads it; only operators and admins resolve conflicts.
/// </summary>
[Authorize(Policy = Policies.Staff)]
public sealed class TodayModel(
    Db db, VenueStore venues, GateSettings gates, ResolveConflict resolve, TimeProvider clock, IStringLocalizer<TodayText> text) : PageModel
{
    /// <summary>A device seen within this long is online (a gate page talks to the server every minute or so).</summary>
    public static readonly TimeSpan OnlineWindow = TimeSpan.FromMinutes(5);

    public sealed record SlotLine(TimeOnly Start, int Booked, int Entered, int Refused, int WalkInShare, int WalkInLeft, bool Past);

    public DateOnly Day { get; private set; }
    public GetCongestion.Response Now { get; private set; } = null!;
    public IReadOnlyList<SlotLine> Slots { get; private set; } = [];
    public int RefusedUnknown { get; private set; }
    public int WalkInLeft { get; private set; }
    public IReadOnlyList<GetConflicts.ConflictView> Conflicts { get; private set; } = [];
    public IReadOnlyList<ListDevices.DeviceView> Devices { get; private set; } = [];
    public DateTimeOffset AsOf { get; private set; }
    public bool CanResolve => User.IsInRole(Roles.Admin) || User.IsInRole(Roles.Operator);
    public string? Problem { get; private set; }

    [BindProperty] public string? ConflictId { get; set; }
    [BindProperty] public string? Resolution { get; set; }
    [BindProperty] public string? Note { get; set; }

    public bool IsOnline(ListDevices.DeviceView device) => !device.Revoked && device.LastSeenAt is { } seen && AsOf - seen <= OnlineWindow;

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    /// <summary>Admit or ignore a conflict with a note (operators and admins).</summary>
    public async Task<IActionResult> OnPostResolveAsync(CancellationToken ct)
    {
        if (!CanResolve) return Forbid();
        if (ConflictId is null || Resolution is null || !ResolveConflict.Actions.Contains(Resolution) || Note is { Length: > ResolveConflict.MaxNote })
        {
            Problem = text["Conflict_Invalid"];
        }
        else
        {
            var result = await resolve.ExecuteAsync(ConflictId, Resolution, Note?.Trim() ?? "", User, ct);
            if (result.IsOk) return RedirectToPage();
            Problem = result.Error.Code == ErrorCodes.AlreadyResolved ? text["Conflict_Already"] : text["Conflict_Missing"];
        }
        Response.StatusCode = StatusCodes.Status409Conflict;
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Response.Headers.CacheControl = "no-store";
        var calendar = await venues.GetAsync(ct);
        AsOf = calendar.Time.Local(clock.GetUtcNow());
        Day = calendar.Time.Today(clock.GetUtcNow());
        Now = await GetCongestion.ReadAsync(Day, db, venues, gates, clock, ct);
        var counts = await GateDay.ReadAsync(Day, db, ct);
        var share = (await WalkInShare.ReadAsync(Day, db, ct)).ToDictionary(s => s.StartMinute);
        var booked = await BookedBySlot.ReadAsync(Day, db, ct);
        var entered = counts.BySlot.ToDictionary(c => c.StartMinute);
        Slots = calendar.Slots(Day).Select(slot =>
        {
            var minute = slot.Start.Hour * 60 + slot.Start.Minute;
            var gate = entered.GetValueOrDefault(minute);
            var box = share.GetValueOrDefault(minute);
            return new SlotLine(slot.Start, booked.GetValueOrDefault(minute), gate?.Entered ?? 0, gate?.Refused ?? 0,
                box?.Share ?? 0, box?.Left ?? 0, calendar.Time.End(slot) <= clock.GetUtcNow());
        }).ToList();
        RefusedUnknown = counts.RefusedUnknown;
        WalkInLeft = Slots.Where(s => !s.Past).Sum(s => s.WalkInLeft);
        Conflicts = await GetConflicts.ReadAsync(Day, db, venues, ct);
        Devices = (await ListDevices.ReadAsync(db, venues, ct)).Where(d => !d.Revoked).ToList();
    }
}
