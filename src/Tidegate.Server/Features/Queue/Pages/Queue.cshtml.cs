using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Tidegate.Server.Features.Queue.Pages;

/// <summary>
/// The waiting room page: joins once (the ticket is kept in sessionStorage), asks for its status
/// when the server says it is worth it (pollAfterSeconds), shows the place in line and the live
/// wait, and on admission goes on to the day's slots with the admission in a short-lived cookie.
/// </summary>
public sealed class QueueModel : PageModel
{
    public DateOnly Date { get; private set; }
    /// <summary>The slot the visitor chose before being sent into the line (HH:mm), where admission leads.</summary>
    public string? Start { get; private set; }

    public IActionResult OnGet(string date, string? start)
    {
        if (JoinQueue.ParseDate(date) is not { } day) return NotFound();
        Date = day;
        Start = TimeOnly.TryParseExact(start, "HH:mm", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var t)
            ? t.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture) : null;
        Response.Headers.CacheControl = "no-store";
        return Page();
    }
}
