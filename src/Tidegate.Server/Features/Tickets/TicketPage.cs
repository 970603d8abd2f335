using System.Net;
using System.Text;
using Tidegate.Domain.Venue;
using Tidegate.Server.Features.Booking;
using Tidegate.Server.Features.Gates;
using Tidegate.Server.Features.Venue;
using Tidegate.Server.Data;

namespace Tidegate.Server.Features.Tickets;

/// <summary>
/// GET /tickets/{bookingId}?key=…&amp;lang=ja|en: the ticket, server-rendered for phones and print:
/// the QR large, date, slot, party and entry window. The access key is the only credential.
/// </summary>
public static class TicketPage
{
    private const string Csp = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

    public static async Task<IResult> Handle(string bookingId, string? key, string? lang, HttpContext http, Db db,
        BookingAccess access, VenueStore venues, TicketIssuer issuer, GateSettings gates, TimeProvider clock, CancellationToken ct)
    {
        var texts = PageTexts.For(lang);
        http.Response.Headers.ContentSecurityPolicy = Csp;
        http.Response.Headers.CacheControl = "no-store";
        var row = bookingId.Length <= 64 ? await BookingRow.FindAsync(db, bookingId, ct) : null;
        if (row is null || !access.Allows(row.Id, key, null, http.User))
            return Html(Page(texts, texts["title"], $"<p class=\"warn\">{E(texts["notFound"])}</p>"), 404);

        var calendar = await venues.GetAsync(ct);
        var view = row.ToView(calendar.Time, clock.GetUtcNow(), calendar.Settings.SlotMinutes);
        var body = new StringBuilder();
        body.Append($"<p class=\"venue\">{E(calendar.Settings.Name)}</p>");
        if (TicketIssuer.HasTicket(row))
            body.Append($"<img class=\"qr\" alt=\"QR\" src=\"{E(issuer.ImageUrl(row.Id, "svg"))}\">");
        else
            body.Append($"<p class=\"warn\">{E(texts["status." + view.Status])}</p>");
        var from = gates.Window.From(view.Slot.Start);
        var until = gates.Window.Until(view.Slot.End);
        body.Append("<dl>");
        Item(body, texts["date"], view.Date);
        Item(body, texts["slot"], $"{view.Slot.Start:HH:mm}–{view.Slot.End:HH:mm}");
        Item(body, texts["party"], texts.Format("persons", view.Persons) + " (" + Party(texts, view.Tickets) + ")");
        Item(body, texts["window"], $"{from:HH:mm}–{until:HH:mm}");
        body.Append("</dl>");
        if (TicketIssuer.HasTicket(row))
        {
            body.Append($"<p>{E(texts.Format("windowHint", from.ToString("HH:mm"), until.ToString("HH:mm")))}</p>");
            body.Append($"<p class=\"hint\">{E(texts["print"])}</p>");
            body.Append($"<p class=\"code\">{E(texts["code"])}: <span id=\"ticket-code\">{E(issuer.CodeFor(row))}</span></p>");
        }
        var other = $"/tickets/{Uri.EscapeDataString(row.Id)}?key={Uri.EscapeDataString(key!)}&lang={texts.Other}";
        body.Append($"<p class=\"lang noprint\"><a href=\"{E(other)}\" hreflang=\"{texts.Other}\">{E(texts["switch"])}</a></p>");
        return Html(Page(texts, texts["title"], body.ToString()), 200);
    }

    private static string Party(PageTexts texts, TicketCountsView t) => string.Join(", ",
        new[] { ("adult", t.Adult), ("child", t.Child), ("infant", t.Infant), ("toddler", t.Toddler) }
            .Where(p => p.Item2 > 0).Select(p => $"{texts[p.Item1]} {p.Item2}"));

    private static void Item(StringBuilder body, string term, string value) => body.Append($"<dt>{E(term)}</dt><dd>{E(value)}</dd>");

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private static IResult Html(string html, int status) => Results.Content(html, "text/html; charset=utf-8", Encoding.UTF8, status);

    private static string Page(PageTexts texts, string title, string body) => $$$"""
        <!doctype html>
        <html lang="{{{texts.Lang}}}"><head><meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="robots" content="noindex">
        <title>{{{E(title)}}}</title>
        <style>
        body{font-family:system-ui,sans-serif;margin:0 auto;max-width:32rem;padding:1rem;color:#102a43}
        h1{font-size:1.5rem;margin:.5rem 0}.venue{color:#486581;margin:0}
        .qr{display:block;width:100%;max-width:24rem;margin:1rem auto;image-rendering:pixelated;background:#fff}
        dl{display:grid;grid-template-columns:auto 1fr;gap:.25rem 1rem;font-size:1.15rem}dt{font-weight:600}dd{margin:0}
        .code{font-family:monospace;font-size:.7rem;word-break:break-all;color:#627d98}.warn{color:#b00020;font-weight:600}
        @media print{.noprint{display:none}body{max-width:none}}
        </style></head>
        <body><main><h1>{{{E(title)}}}</h1>{{{body}}}</main></body></html>
        """;
}
