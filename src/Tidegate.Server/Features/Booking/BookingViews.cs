using Tidegate.Server.Data;
using Tidegate.Server.Features.Payments;

namespace Tidegate.Server.Features.Booking;

public static class BookingViews
{
    /// <summary>The view with what was paid and refunded, as Payments keeps it.</summary>
    public static async Task<BookingView> WithPaymentsAsync(Db db, BookingView view, CancellationToken ct)
    {
        var (payment, refund) = await PaymentSummary.OfBookingAsync(db, view.BookingId, ct);
        if (payment is null) return view;
        return refund is null ? view with { Payment = payment } : view with { Payment = payment, Refund = refund };
    }
}

/// <summary>Adds the ticket (code, QR address) to a booking's answer; Tickets implements it, as it owns codes.</summary>
public interface IBookingTicket
{
    BookingView Attach(BookingRow row, BookingView view);
}
