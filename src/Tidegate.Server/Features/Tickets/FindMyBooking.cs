using System.ComponentModel.DataAnnotations;
using System.Net;
using System.Text.Json.Serialization;
using Tidegate.Domain.Booking;
using Tidegate.Domain.Common;
using Tidegate.Server.Features.Booking;
using Tidegate.Server.Features.Tickets.Mail;
using Tidegate.Server.Infrastructure;
using Tidegate.Server.Infrastructure.Mail;
using Tidegate.Server.Infrastructure.Privacy;

namespace Tidegate.Server.Features.Tickets;

[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record FindBookingRequest(string? Email, string? BookingNumber);

/// <summary>The one answer of find-my-booking, matched or not.</summary>
public sealed record FindBookingAccepted(string Status);

/// <summary>Tidegate:FindBooking: how many requests per hour one email and one client address may make.</summary>
public sealed class FindBookingOptions
{
    public const string Section = "Tidegate:FindBooking";

    [Range(1, 1000)] public int PerEmailPerHour { get; set; } = 3;
    [Range(1, 10000)] public int PerAddressPerHour { get; set; } = 10;
}

/// <summary>
/// POST /api/v1/bookings/find {email, bookingNumber} and the /find page: a guest who lost the email
/// gives the address and the booking number, and the ticket link is emailed again to the booking's
/// own address, never shown to whoever asks. Matched or not, the answer is the same 202; throttled per
/// email and per client address in the database (the same 429 either way), so nobody learns whether a booking exists.
/// </summary>
public sealed class FindMyBooking(BookingLookup bookings, PersonalData personal, TicketMailOutbox outbox, MailSignal signal,
    FindBookingThrottle throttle, FindBookingOptions options, TimeProvider clock)
{
    public const string Accepted = "accepted";

    public static async Task<IResult> Handle(Body<FindBookingRequest> body, HttpContext http, FindMyBooking useCase, CancellationToken ct)
    {
        var result = await useCase.ExecuteAsync(body.Value.Email, body.Value.BookingNumber, http.Connection.RemoteIpAddress, ct);
        return result.IsOk ? TypedResults.Accepted((string?)null, new FindBookingAccepted(Accepted)) : Problems.From(result.Error);
    }

    public async Task<Result<bool>> ExecuteAsync(string? email, string? bookingNumber, IPAddress? client, CancellationToken ct)
    {
        email = email?.Trim();
        if (email is not { Length: > 2 and <= 254 } || !email.Contains('@'))
            return new Error(ErrorCodes.InvalidRequest, "'email' must be the address the booking was made with.").With("field", "email");
        var number = bookingNumber?.Trim().ToLowerInvariant();
        if (number is not { Length: > 0 and <= 64 })
            return new Error(ErrorCodes.InvalidRequest, "'bookingNumber' must be the booking number from the email or ticket page.").With("field", "bookingNumber");

        var emailKey = personal.EmailKey(email);
        var keys = new[] { (personal.AddressKey(ClientAddress.GroupOf(client)), options.PerAddressPerHour), (emailKey, options.PerEmailPerHour) };
        if (await throttle.CountAsync(keys, ct) is { } throttled) return throttled;

        var booking = await bookings.ByIdAsync(number, ct);
        if (booking is { Status: BookingStatus.Confirmed, EmailEnc: { } stored } && personal.EmailKey(personal.Decrypt(stored)) == emailKey)
        {
            await outbox.ResendAsync(booking.Id, clock.GetUtcNow().ToUnixTimeMilliseconds(), ct);
            signal.Notify();
        }
        return true;
    }
}
