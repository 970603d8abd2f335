using System.Security.Claims;
using Tidegate.Server.Infrastructure.Auth;

namespace Tidegate.Server.Features.Booking;

/// <summary>
/// A booking's access key is derived from its id with the server's key (never stored), so a
/// replayed creation can hand it out again and a stolen database does not reveal it.
/// </summary>
public sealed class BookingAccess(Tokens tokens)
{
    private const string Purpose = "booking";

    public string KeyFor(string bookingId) => tokens.Derive(Purpose, bookingId);

    public bool Allows(string bookingId, string? key, string? ownerMemberId, ClaimsPrincipal user) =>
        tokens.Matches(Purpose, bookingId, key) ||
        (ownerMemberId is not null && user.IsInRole(Roles.Member) && user.FindFirstValue(ClaimTypes.NameIdentifier) == ownerMemberId);
}
