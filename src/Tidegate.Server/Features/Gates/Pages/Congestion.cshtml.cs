using Microsoft.AspNetCore.Mvc.RazorPages;
using Tidegate.Domain.Gates;
using Tidegate.Server.Data;
using Tidegate.Server.Features.Site;
using Tidegate.Server.Features.Venue;

namespace Tidegate.Server.Features.Gates.Pages;

/// <summary>
/// How busy the aquarium is now, and today hour by hour over every opening hour of the day; outside
/// the opening hours it says the aquarium is closed and when it opens. The page refreshes itself.
/// </summary>
public sealed class CongestionModel(Db db, VenueStore venues, GateSettings settings, TimeProvider clock) : PageModel
{
    public sealed record Hour(int Of, int ExpectedInside, string Level);

    /// <summary>An opening: its date and hours on the venue's clock.</summary>
    public sealed record Opening(DateOnly Date, TimeOnly Opens, TimeOnly Closes);

    public GetCongestion.Response Now { get; private set; } = null!;
    public IReadOnlyList<Hour> Hours { get; private set; } = [];
    public bool IsOpenToday { get; private set; }
    /// <summary>Inside today's opening hours now.</summary>
    public bool OpenNow { get; private set; }
    /// <summary>Closed now: today's hours when it opens later today, else the next day it opens (null if none is planned).</summary>
    public Opening? Next { get; private set; }
    public DateOnly Today { get; private set; }
    /// <summary>The day the hourly table is for: today, unless today's hours are over (or it is closed), then the next opening day.</summary>
    public DateOnly TableDay { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var calendar = await venues.GetAsync(ct);
        var now = clock.GetUtcNow();
        Today = calendar.Time.Today(now);
        Now = await GetCongestion.ReadAsync(Today, db, venues, settings, clock, ct);
        var plan = calendar.Day(Today);
        IsOpenToday = plan.IsOpen && plan.Opens < plan.Closes;
        OpenNow = IsOpenToday && now >= calendar.Time.At(Today, plan.Opens) && now < calendar.Time.At(Today, plan.Closes);
        if (!OpenNow)
        {
            if (IsOpenToday && now < calendar.Time.At(Today, plan.Opens))
                Next = new Opening(Today, plan.Opens, plan.Closes);
            else
                for (var day = Today.AddDays(1); day <= Today.AddDays(62); day = day.AddDays(1))
                    if (calendar.Day(day) is { IsOpen: true } open)
                    {
                        Next = new Opening(day, open.Opens, open.Closes);
                        break;
                    }
        }
        TableDay = OpenNow ? Today : Next?.Date ?? Today;
        plan = calendar.Day(TableDay);
        if (plan.IsOpen && plan.Opens < plan.Closes)
        {
            // Every quarter of every opening hour (after the last entry too); the busiest quarter stands for its hour.
            var quarters = new List<DateTimeOffset>();
            for (var at = plan.Opens; at < plan.Closes && at >= plan.Opens; at = at.AddMinutes(15)) // stops at midnight too
                quarters.Add(calendar.Time.At(TableDay, at));
            var expected = await GetCongestion.ExpectedAtAsync(TableDay, quarters, db, venues, settings, ct);
            Hours = quarters.Zip(expected).GroupBy(q => q.First.Hour, q => q.Second)
                .Select(g => new Hour(g.Key, g.Max(), Congestion.Level(g.Max(), settings.Congestion)))
                .ToList();
        }
        PageCache.Briefly(Response, 30);
    }
}
