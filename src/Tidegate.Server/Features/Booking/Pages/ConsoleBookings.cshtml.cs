using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Tidegate.Server.Infrastructure.Auth;

namespace Tidegate.Server.Features.Booking.Pages;

/// <summary>
/// Staff find bookings by number or email. The search is a POST, so an email never lands in a URL
/// (history, access logs); each search is audited by <see cref="FindBookingsForStaff"/>.
/// </summary>
[Authorize(Policy = Policies.Operator)]
public sealed class ConsoleBookingsModel(FindBookingsForStaff find, IStringLocalizer<ConsoleBookingsText> text) : PageModel
{
    [BindProperty] public string? Query { get; set; }

    public IReadOnlyList<FindBookingsForStaff.Item>? Results { get; private set; }
    public string? Problem { get; private set; }

    public void OnGet() => Response.Headers.CacheControl = "no-store";

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Response.Headers.CacheControl = "no-store";
        var query = Query?.Trim();
        if (string.IsNullOrEmpty(query))
        {
            Problem = text["Error_query"];
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        var byEmail = query.Contains('@');
        var found = await find.ExecuteAsync(byEmail ? query : null, byEmail ? null : query, User, ct);
        if (!found.IsOk)
        {
            Problem = text["Error_query"];
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        Results = found.Value;
        return Page();
    }
}
