using Tidegate.Domain.Booking;
using Tidegate.Domain.Tickets;
using Tidegate.Server.Features.Booking;
using Tidegate.Server.Infrastructure.Network;

namespace Tidegate.Server.Features.Tickets;

/// <summary>Turns a confirmed booking into its ticket code and the addresses of its QR image and page.</summary>
public sealed class TicketIssuer(TicketKeys keys, BookingAccess access, PublicUrl publicUrl)
{
    public static TicketClaims ClaimsOf(BookingRow booking) => new(
        Guid.Parse(booking.Id), booking.VisitDate, (int)booking.StartMinute, (int)booking.Persons, (int)booking.TicketSerial);

    public static bool HasTicket(BookingRow booking) => booking.Status == BookingStatus.Confirmed;

    public string CodeFor(BookingRow booking) => keys.Sign(ClaimsOf(booking));

    /// <summary>The QR image; it needs the booking's access key, like the booking itself.</summary>
    public string ImageUrl(string bookingId, string format = "png") =>
        $"/api/v1/bookings/{bookingId}/ticket.{format}?key={Uri.EscapeDataString(access.KeyFor(bookingId))}";

    /// <summary>The ticket page, as an absolute link for emails (issue 3's payment return uses the same path).</summary>
    public string PageUrl(string bookingId, string? lang = null) =>
        $"{publicUrl.Base}/tickets/{bookingId}?key={Uri.EscapeDataString(access.KeyFor(bookingId))}" + (lang is null ? "" : $"&lang={lang}");
}
