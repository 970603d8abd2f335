using Tidegate.Server.Infrastructure.Auth;

namespace Tidegate.Server.Features.Booking;

/// <summary>
/// A booking's access key is derived from its id with the server's key (never stored), so a
/// replayed creation can hand it out again and a stolen database does not reveal it.
/// <see cref="BookingLookup"/> is the one place that checks it.
/// </summary>
public sealed class BookingAccess(Tokens tokens)
{
    public const string Purpose = "booking";

    public string KeyFor(string bookingId) => tokens.Derive(Purpose, bookingId);
}
