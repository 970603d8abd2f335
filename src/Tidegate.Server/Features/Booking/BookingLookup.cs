using System.Security.Claims;
using Tidegate.Domain.Common;
using Tidegate.Server.Data;
using Tidegate.Server.Infrastructure.Auth;

namespace Tidegate.Server.Features.Booking;

/// <summary>
/// The one way to load a booking for a caller: only for the holder of its access key (from the
/// X-Booking-Key header or a page's ?key=) or its member. A missing booking and a wrong key get the
/// same not_found answer, so a guessed id never reveals that a booking exists.
/// </summary>
public sealed class BookingLookup(Db db, Tokens tokens)
{
    public const string KeyHeader = "X-Booking-Key";

    /// <summary>The booking, or not_found worded for <paramref name="what"/> ("booking", "ticket").</summary>
    public async Task<Result<BookingRow>> FindAsync(string bookingId, string? key, ClaimsPrincipal user, CancellationToken ct,
        string what = "booking")
    {
        if (bookingId.Length > 64) return new Error(ErrorCodes.NotFound, $"No such {what}.");
        var row = await BookingRow.FindAsync(db, bookingId, ct);
        if (row is null || !Allows(row, key, user)) return new Error(ErrorCodes.NotFound, $"No such {what}, or the access key does not match.");
        return row;
    }

    /// <summary>For the API: the key comes in the X-Booking-Key header.</summary>
    public Task<Result<BookingRow>> FindAsync(string bookingId, HttpRequest http, CancellationToken ct) =>
        FindAsync(bookingId, KeyOf(http), http.HttpContext.User, ct);

    /// <summary>For a page: the booking, or null for "not found".</summary>
    public async Task<BookingRow?> FindForPageAsync(string bookingId, string? key, ClaimsPrincipal user, CancellationToken ct) =>
        await FindAsync(bookingId, key, user, ct) is { IsOk: true } found ? found.Value : null;

    /// <summary>Without an access check: for the server's own work (sending a ticket email, replaying a walk-in sale), never a caller's request.</summary>
    public Task<BookingRow?> ByIdAsync(string bookingId, CancellationToken ct) => BookingRow.FindAsync(db, bookingId, ct);

    public static string KeyOf(HttpRequest http) => http.Headers[KeyHeader].ToString();

    /// <summary>"/{page}/{id}{suffix}?key=…", e.g. Link("tickets", id, key, "/cancel").</summary>
    public static string Link(string page, string bookingId, string key, string suffix = "") =>
        $"/{page}/{Uri.EscapeDataString(bookingId)}{suffix}?key={Uri.EscapeDataString(key)}";

    private bool Allows(BookingRow row, string? key, ClaimsPrincipal user) =>
        tokens.Matches(BookingAccess.Purpose, row.Id, key) ||
        (row.MemberId is not null && user.IsInRole(Roles.Member) && user.FindFirstValue(ClaimTypes.NameIdentifier) == row.MemberId);
}
