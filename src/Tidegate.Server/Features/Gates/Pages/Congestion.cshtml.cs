using Microsoft.AspNetCore.Mvc.RazorPages;
using Tidegate.Server.Data;
using Tidegate.Server.Features.Site;
using Tidegate.Server.Features.Venue;

namespace Tidegate.Server.Features.Gates.Pages;

/// <summary>How busy the aquarium is now, and today hour by hour; the page refreshes itself.</summary>
public sealed class CongestionModel(Db db, VenueStore venues, GateSettings settings, TimeProvider clock) : PageModel
{
    public sealed record Hour(int Of, int ExpectedInside, string Level);

    public GetCongestion.Response Now { get; private set; } = null!;
    public IReadOnlyList<Hour> Hours { get; private set; } = [];
    public bool IsOpenToday => Now.Forecast.Count > 0;

    public async Task OnGetAsync(CancellationToken ct)
    {
        var calendar = await venues.GetAsync(ct);
        Now = await GetCongestion.ReadAsync(calendar.Time.Today(clock.GetUtcNow()), db, venues, settings, clock, ct);
        // The busiest quarter of each hour stands for the hour.
        Hours = Now.Forecast.GroupBy(f => f.Start.Hour)
            .Select(g => g.MaxBy(f => f.ExpectedInside)!)
            .Select(f => new Hour(f.Start.Hour, f.ExpectedInside, f.Level)).ToList();
        PageCache.Briefly(Response, 30);
    }
}
