using Tidegate.Server.Data;
using Tidegate.Server.Features.Booking;
using Tidegate.Server.Infrastructure;

namespace Tidegate.Server.Features.Tickets;

/// <summary>GET /api/v1/bookings/{id}/ticket.png|svg?key=…: the QR of a confirmed booking's code, for the holder of its access key.</summary>
public static class GetTicketImage
{
    public static Task<IResult> Png(string bookingId, string? key, HttpContext http, Db db, BookingAccess access, TicketIssuer issuer,
        CancellationToken ct) =>
        Handle(bookingId, key, http, db, access, issuer, code => Results.Bytes(QrImages.Png(code), "image/png"), ct);

    public static Task<IResult> Svg(string bookingId, string? key, HttpContext http, Db db, BookingAccess access, TicketIssuer issuer,
        CancellationToken ct) =>
        Handle(bookingId, key, http, db, access, issuer, code => Results.Text(QrImages.Svg(code), "image/svg+xml"), ct);

    private static async Task<IResult> Handle(string bookingId, string? key, HttpContext http, Db db, BookingAccess access,
        TicketIssuer issuer, Func<string, IResult> render, CancellationToken ct)
    {
        if (bookingId.Length > 64) return Problems.NotFound("No such ticket.");
        var row = await BookingRow.FindAsync(db, bookingId, ct);
        key ??= http.Request.Headers[GetBooking.KeyHeader].ToString();
        if (row is null || !access.Allows(row.Id, key, row.MemberId, http.User) || !TicketIssuer.HasTicket(row))
            return Problems.NotFound("No such ticket, or the access key does not match.");
        http.Response.Headers.CacheControl = "private, no-store";
        return render(issuer.CodeFor(row));
    }
}
