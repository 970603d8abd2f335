using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tidegate.Domain.Common;

namespace Tidegate.Server.Features.Tickets.Pages;

/// <summary>
/// Find my booking: email and booking number in, the ticket link emailed again to the booking's own
/// address (the same use case as POST /api/v1/bookings/find). The page says the same whether or not
/// anything matched, and never shows the booking.
/// </summary>
public sealed class FindModel(FindMyBooking find) : PageModel
{
    [BindProperty] public string? Email { get; set; }
    [BindProperty] public string? BookingNumber { get; set; }
    public bool Sent { get; private set; }
    public bool Throttled { get; private set; }
    public string? ProblemField { get; private set; }

    public void OnGet() => Response.Headers.CacheControl = "no-store";

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Response.Headers.CacheControl = "no-store";
        var result = await find.ExecuteAsync(Email, BookingNumber, HttpContext.Connection.RemoteIpAddress, ct);
        if (result.IsOk)
        {
            Sent = true;
            BookingNumber = null; // the form is empty again; the answer says nothing about the booking
            return Page();
        }
        if (result.Error.Code == ErrorCodes.Throttled)
        {
            Throttled = true;
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            if (result.Error.Extra?.GetValueOrDefault("retryAfter") is int seconds) Response.Headers.RetryAfter = seconds.ToString();
            return Page();
        }
        ProblemField = result.Error.Extra?.GetValueOrDefault("field") as string;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
