using Tidegate.Server.Infrastructure.Mail;
using Tidegate.Domain.Common;
using System.Globalization;
using System.Net;
using System.Text;
using MimeKit;
using Tidegate.Domain.Gates;
using Tidegate.Domain.Payments;
using Tidegate.Domain.Venue;
using Tidegate.Server.Features.Booking;
using Tidegate.Server.Features.Venue;
using Tidegate.Server.Infrastructure.Privacy;

namespace Tidegate.Server.Features.Tickets.Mail;

/// <summary>
/// Composes the visitor's emails (<see cref="MailKinds"/>) in the language the booking was made in
/// (Japanese then English when it has none, as for box-office sales): a greeting, what happened, the
/// visit (date, slot, entry window, party, amount including tax, cancellation deadline, booking
/// number), the ticket page's link, the venue's address, access and contact; plain text and HTML; the
/// QR inline (cid:ticket-qr) and the visit as an .ics file while the ticket is valid. Personal data
/// is decrypted only here, and never logged.
/// </summary>
public sealed class TicketEmail(
    TicketIssuer issuer, PersonalData personal, VenueStore venues, EntryWindow entry, MailOptions mail, VenueContactOptions venue, TimeProvider clock)
{
    public const string QrContentId = "ticket-qr";

    public async Task<MimeMessage> ComposeAsync(BookingRow booking, string kind, string? detailJson, CancellationToken ct)
    {
        var calendar = await venues.GetAsync(ct);
        var start = SlotGrid.AtMinute((int)booking.StartMinute);
        var slot = new Slot(booking.VisitDate, start, start.AddMinutes(calendar.Settings.SlotMinutes));
        var slotStart = calendar.Time.Start(slot);
        var from = calendar.Time.Local(entry.From(slotStart));
        var until = calendar.Time.Local(entry.Until(calendar.Time.End(slot)));
        var deadline = calendar.Time.Local(CancellationRules.ClosesAt(booking.VisitDate, calendar.Time).AddMinutes(-1));
        var detail = kind is MailKinds.Changed or MailKinds.Cancelled ? MailDetail.Parse(detailJson) : new MailDetail();
        var withTicket = kind != MailKinds.Cancelled;
        var code = withTicket ? issuer.CodeFor(booking) : null;
        var name = booking.NameEnc is null ? null : string.Concat(personal.Decrypt(booking.NameEnc).Select(c => char.IsControl(c) ? ' ' : c)).Trim();

        string[] languages = booking.Language is "ja" or "en" ? [booking.Language] : ["ja", "en"];
        var parts = languages.Select(lang => new Letter(lang, MailWords.For(lang), name, kind, detail, booking, slot, from, until, deadline,
            issuer.PageUrl(booking.Id, lang), venue, code)).ToList();

        var message = new MimeMessage { Subject = string.Join(" / ", parts.Select(p => p.Subject())) };
        message.From.Add(new MailboxAddress(venue.Name(languages[0]), mail.From));
        // MailboxAddress(name, address): the name is encoded as a display name, never parsed, so
        // quotes, commas or brackets in it cannot add a recipient or a header; control characters
        // (line breaks) become spaces, as some mail programs refuse them even encoded.
        message.To.Add(new MailboxAddress(name, personal.Decrypt(booking.EmailEnc!)));

        var body = new BodyBuilder
        {
            TextBody = string.Join("\n----------------------------------------\n\n", parts.Select(p => p.Text())),
            HtmlBody = "<!DOCTYPE html><html><body>" + string.Join("<hr>", parts.Select(p => p.Html(code is not null))) + "</body></html>",
        };
        if (code is not null)
        {
            var qr = body.LinkedResources.Add("ticket-qr.png", QrImages.Png(code, 8), new ContentType("image", "png"));
            qr.ContentId = QrContentId;
            var ics = TicketCalendar.Ics(TicketCalendar.VisitOf(booking.Id, booking.TicketSerial, from, until, venue, languages[0],
                issuer.PageUrl(booking.Id, languages[0]), clock.GetUtcNow()));
            body.Attachments.Add("visit.ics", Encoding.UTF8.GetBytes(ics), new ContentType("text", "calendar") { Charset = "utf-8" });
        }
        message.Body = body.ToMessageBody();
        return message;
    }

    /// <summary>One language's letter.</summary>
    private sealed record Letter(string Lang, MailWords W, string? Name, string Kind, MailDetail Detail, BookingRow Booking, Slot Slot,
        DateTimeOffset From, DateTimeOffset Until, DateTimeOffset Deadline, string Link, VenueContactOptions Venue, string? Code)
    {
        private CultureInfo Culture => CultureInfo.GetCultureInfo(Lang);

        public string Subject() =>
            $"{W.Bracket(Venue.Name(Lang))}{W.ShortDate(Slot.Date, Culture)} {Slot.Start:HH:mm} {W.SubjectOf(Kind)}";

        private IEnumerable<(string Label, string Value)> Facts()
        {
            if (Kind == MailKinds.Changed && Detail.OldDate is { } oldDate && Detail.OldStartMinute is { } oldStart)
                yield return (W.Before, $"{W.LongDate(IsoDate.Parse(oldDate), Culture)} {SlotGrid.AtMinute(oldStart):HH:mm}");
            yield return (Kind == MailKinds.Changed ? W.After : W.When,
                $"{W.LongDate(Slot.Date, Culture)} {Slot.Start:HH:mm}{W.Dash}{Slot.End:HH:mm}{W.JapanTime}");
            if (Kind != MailKinds.Cancelled) yield return (W.Window, $"{From:HH:mm}{W.Dash}{Until:HH:mm}");
            yield return (W.Party, W.PartyOf((int)Booking.Adults, (int)Booking.Children, (int)Booking.Infants, (int)Booking.Toddlers));
            yield return (W.Amount, W.Yen((int)Booking.Amount, Culture));
            if (Kind == MailKinds.Changed && Detail.Charged > 0) yield return (W.Difference, W.Charged(W.Yen(Detail.Charged, Culture)));
            if (Kind == MailKinds.Changed && Detail.Refunded > 0) yield return (W.Difference, W.Refunded(W.Yen(Detail.Refunded, Culture)));
            if (Kind == MailKinds.Cancelled) yield return (W.Refund, W.Yen(Detail.Refunded, Culture));
            if (Kind != MailKinds.Cancelled) yield return (W.Deadline, W.Until(W.LongDate(DateOnly.FromDateTime(Deadline.DateTime), Culture), $"{Deadline:HH:mm}"));
            yield return (W.Number, Booking.Id);
        }

        private IEnumerable<string> Paragraphs()
        {
            yield return W.IntroOf(Kind);
            if (Kind == MailKinds.Changed) yield return W.OldQrVoid;
            if (Kind == MailKinds.Cancelled) yield return Detail.Refunded > 0 ? W.RefundNote : W.NoRefund;
        }

        public string Text()
        {
            var s = new StringBuilder();
            s.Append(W.Greeting(Name)).Append("\n\n");
            foreach (var p in Paragraphs()) s.Append(p).Append('\n');
            s.Append('\n');
            foreach (var (label, value) in Facts()) s.Append(W.Mark).Append(label).Append(W.Colon).Append(value).Append('\n');
            s.Append('\n').Append(Kind == MailKinds.Cancelled ? W.LinkCancelled : W.Link).Append('\n').Append(Link).Append('\n');
            if (Kind != MailKinds.Cancelled) s.Append(W.Show).Append('\n');
            if (Code is not null) s.Append('\n').Append(W.Code).Append(W.Colon).Append(Code).Append('\n');
            s.Append('\n').Append(W.Mark).Append(W.Address).Append('\n').Append(Venue.Address(Lang)).Append('\n')
                .Append(W.Mark).Append(W.Access).Append('\n').Append(Venue.Access(Lang)).Append('\n')
                .Append(W.Mark).Append(W.Contact).Append('\n').Append(Venue.Contact(Lang)).Append("\n\n")
                .Append(W.Signature(Venue.Name(Lang))).Append('\n');
            return s.ToString();
        }

        public string Html(bool qr)
        {
            static string E(string s) => WebUtility.HtmlEncode(s);
            var s = new StringBuilder($"<div lang=\"{Lang}\">");
            s.Append("<p>").Append(E(W.Greeting(Name))).Append("</p>");
            foreach (var p in Paragraphs()) s.Append("<p>").Append(E(p)).Append("</p>");
            if (qr) s.Append($"<p><img src=\"cid:{QrContentId}\" alt=\"{E(W.QrAlt)}\" width=\"296\" height=\"296\"></p>");
            s.Append("<table cellpadding=\"4\">");
            foreach (var (label, value) in Facts()) s.Append("<tr><th align=\"left\">").Append(E(label)).Append("</th><td>").Append(E(value)).Append("</td></tr>");
            s.Append("</table>");
            s.Append("<p>").Append(E(Kind == MailKinds.Cancelled ? W.LinkCancelled : W.Link)).Append("<br><a href=\"").Append(E(Link)).Append("\">")
                .Append(E(Link)).Append("</a></p>");
            if (Kind != MailKinds.Cancelled) s.Append("<p>").Append(E(W.Show)).Append("</p>");
            s.Append("<p><b>").Append(E(W.Address)).Append("</b><br>").Append(E(Venue.Address(Lang))).Append("<br><b>").Append(E(W.Access))
                .Append("</b><br>").Append(E(Venue.Access(Lang))).Append("<br><b>").Append(E(W.Contact)).Append("</b><br>")
                .Append(E(Venue.Contact(Lang))).Append("</p>");
            if (Code is not null)
                s.Append("<p style=\"font-family:monospace;font-size:11px;color:#666;word-break:break-all\">").Append(E(W.Code)).Append(E(W.Colon))
                    .Append(E(Code)).Append("</p>");
            s.Append("<p>").Append(E(W.Signature(Venue.Name(Lang)))).Append("</p></div>");
            return s.ToString();
        }
    }
}
