using System.Globalization;
using System.Net.Mail;
using System.Text.Json.Serialization;
using Tidegate.Domain.Booking;
using Tidegate.Domain.Common;

namespace Tidegate.Server.Features.Booking;

[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record TicketsRequest(int Adult = 0, int Child = 0, int Infant = 0, int Toddler = 0)
{
    public TicketCounts ToCounts() => new(Adult, Child, Infant, Toddler);
}

/// <summary>
/// The body of POST /api/v1/bookings; <c>language</c> ("ja" or "en", optional) is the ticket email's language, both when absent;
/// <c>acceptedTerms</c> (optional) is the version of the terms and cancellation policy the visitor agreed to, recorded with the booking.
/// </summary>
public sealed record CreateBookingRequest(
    string? Date, string? Start, TicketsRequest? Tickets, string? Email, string? Name, string? Language = null, string? AcceptedTerms = null);

/// <summary>Field checks that make a request well-formed; the booking rules come after.</summary>
public static class BookingInput
{
    public const int MaxNameLength = 100;
    public const int MaxEmailLength = 254;

    public static Error? Check(CreateBookingRequest request, bool isMember)
    {
        if (ParseDate(request.Date) is null) return Invalid("date", "'date' must be a calendar date as yyyy-MM-dd.");
        if (ParseTime(request.Start) is null) return Invalid("start", "'start' must be a slot start time as HH:mm.");
        if (request.Tickets is null) return Invalid("tickets", "'tickets' must give the number of each ticket type.");
        if (request.Language is not (null or "ja" or "en")) return Invalid("language", "'language' must be \"ja\" or \"en\" (the ticket email's language), or left out for both.");
        if (isMember && request.Email is null && request.Name is null) return null;
        if (string.IsNullOrWhiteSpace(request.Email) || request.Email.Length > MaxEmailLength || !IsEmail(request.Email))
            return Invalid("email", $"'email' must be a valid email address of at most {MaxEmailLength} characters.");
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Length > MaxNameLength || request.Name.Any(char.IsControl))
            return Invalid("name", $"'name' is required, at most {MaxNameLength} characters.");
        return null;
    }

    public static DateOnly? ParseDate(string? text) => Tidegate.Domain.Venue.CalendarDates.Parse(text);

    public static TimeOnly? ParseTime(string? text) =>
        TimeOnly.TryParseExact(text, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time) ? time : null;

    private static bool IsEmail(string email) =>
        MailAddress.TryCreate(email.Trim(), out var address) && address.Address == email.Trim() && address.Host.Contains('.');

    private static Error Invalid(string field, string detail) => new Error(ErrorCodes.InvalidRequest, detail).With("field", field);
}
