using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tidegate.Domain.Venue;

namespace Tidegate.Server.Features.Venue.Pages;

/// <summary>The slots of one date with the places left and how busy each is.</summary>
public sealed class DayModel(AvailabilityCache availability, TimeProvider clock) : PageModel
{
    public DateOnly Date { get; private set; }
    public GetAvailability.Response Availability { get; private set; } = null!;
    public bool OpensLater { get; private set; }

    public async Task<IActionResult> OnGetAsync(string date, CancellationToken ct)
    {
        if (CalendarDates.Parse(date) is not { } day) return NotFound();
        Date = day;
        var now = clock.GetUtcNow();
        Availability = await availability.ReadAsync(day);
        OpensLater = now < Availability.BookingOpensAt;
        Site.PageCache.Briefly(Response);
        return Page();
    }
}
