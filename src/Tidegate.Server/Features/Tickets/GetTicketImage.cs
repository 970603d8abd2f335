using Tidegate.Server.Features.Booking;
using Tidegate.Server.Infrastructure;

namespace Tidegate.Server.Features.Tickets;

/// <summary>GET /api/v1/bookings/{id}/ticket.png|svg?key=…: the QR of a confirmed booking's code, for the holder of its access key.</summary>
public static class GetTicketImage
{
    public static Task<IResult> Png(string bookingId, string? key, HttpContext http, BookingLookup lookup, TicketIssuer issuer,
        CancellationToken ct) =>
        Handle(bookingId, key, http, lookup, issuer, code => Results.Bytes(QrImages.Png(code), "image/png"), ct);

    public static Task<IResult> Svg(string bookingId, string? key, HttpContext http, BookingLookup lookup, TicketIssuer issuer,
        CancellationToken ct) =>
        Handle(bookingId, key, http, lookup, issuer, code => Results.Text(QrImages.Svg(code), "image/svg+xml"), ct);

    private static async Task<IResult> Handle(string bookingId, string? key, HttpContext http, BookingLookup lookup,
        TicketIssuer issuer, Func<string, IResult> render, CancellationToken ct)
    {
        var found = await lookup.FindAsync(bookingId, key ?? BookingLookup.KeyOf(http.Request), http.User, ct, "ticket");
        if (!found.IsOk) return Problems.From(found.Error);
        if (!TicketIssuer.HasTicket(found.Value)) return Problems.NotFound("No such ticket, or the access key does not match.");
        http.Response.Headers.CacheControl = "private, no-store";
        return render(issuer.CodeFor(found.Value));
    }
}
