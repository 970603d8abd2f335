using System.Globalization;
using System.Text;
using Tidegate.Server.Features.Tickets.Mail;

namespace Tidegate.Server.Features.Tickets;

/// <summary>
/// The visit as an iCalendar (RFC 5545) event: the entry window in UTC, the venue's name and address,
/// and the ticket page's link. Its UID is the booking's, so a changed visit replaces the first one.
/// </summary>
public static class TicketCalendar
{
    public const string ContentType = "text/calendar";

    public sealed record Visit(string BookingId, long Serial, DateTimeOffset From, DateTimeOffset Until, string Summary, string Location,
        string Description, string Url, DateTimeOffset Stamp);

    public static string Ics(Visit v)
    {
        var lines = new[]
        {
            "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Tidegate//Tickets//EN", "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
            "BEGIN:VEVENT",
            $"UID:{v.BookingId}@tidegate",
            $"SEQUENCE:{v.Serial}",
            $"DTSTAMP:{Utc(v.Stamp)}",
            $"DTSTART:{Utc(v.From)}",
            $"DTEND:{Utc(v.Until)}",
            $"SUMMARY:{Escape(v.Summary)}",
            $"LOCATION:{Escape(v.Location)}",
            $"DESCRIPTION:{Escape(v.Description)}",
            $"URL:{v.Url}",
            "END:VEVENT", "END:VCALENDAR",
        };
        var ics = new StringBuilder();
        foreach (var line in lines) Fold(ics, line);
        return ics.ToString();
    }

    public static Visit VisitOf(string bookingId, long serial, DateTimeOffset from, DateTimeOffset until, VenueContactOptions venue, string lang,
        string url, DateTimeOffset now) =>
        new(bookingId, serial, from, until, venue.Name(lang), $"{venue.Name(lang)}, {venue.Address(lang)}",
            $"{venue.Access(lang)}\n{venue.Contact(lang)}", url, now);

    private static string Utc(DateTimeOffset t) => t.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    private static string Escape(string s) =>
        s.Replace("\\", "\\\\").Replace(";", "\\;").Replace(",", "\\,").Replace("\r\n", "\\n").Replace("\n", "\\n");

    /// <summary>Lines of at most 75 octets, continued with CRLF and a space (RFC 5545 §3.1), never splitting a UTF-8 character.</summary>
    private static void Fold(StringBuilder ics, string line)
    {
        var octets = 0;
        foreach (var rune in line.EnumerateRunes())
        {
            var size = rune.Utf8SequenceLength;
            if (octets + size > 75)
            {
                ics.Append("\r\n ");
                octets = 1;
            }
            ics.Append(rune.ToString());
            octets += size;
        }
        ics.Append("\r\n");
    }
}
