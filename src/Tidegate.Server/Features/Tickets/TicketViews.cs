using Tidegate.Server.Features.Booking;

namespace Tidegate.Server.Features.Tickets;

/// <summary>Tickets' part of a booking's API answer: the code and its QR image, once there is a ticket.</summary>
public sealed class TicketViews(TicketIssuer issuer) : IBookingTicket
{
    public BookingView Attach(BookingRow row, BookingView view) =>
        TicketIssuer.HasTicket(row) ? view with { TicketCode = issuer.CodeFor(row), TicketImageUrl = issuer.ImageUrl(row.Id) } : view;
}
