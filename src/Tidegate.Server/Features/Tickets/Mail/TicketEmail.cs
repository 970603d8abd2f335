using Tidegate.Server.Infrastructure.Mail;
using Tidegate.Domain.Common;
using System.Globalization;
using System.Net;
using Microsoft.Extensions.Localization;
using MimeKit;
using Tidegate.Domain.Gates;
using Tidegate.Domain.Venue;
using Tidegate.Server.Features.Booking;
using Tidegate.Server.Features.Venue;
using Tidegate.Server.Infrastructure.Privacy;

namespace Tidegate.Server.Features.Tickets.Mail;

/// <summary>
/// Composes the ticket email in the language the booking was made in (Japanese then English when it
/// has none, as for box-office sales): the QR inline (cid:ticket-qr), the ticket code as text, the
/// details and the link to the ticket page. Personal data is decrypted only here.
/// </summary>
public sealed class TicketEmail(
    TicketIssuer issuer, PersonalData personal, VenueStore venues, EntryWindow entry, MailOptions mail, IStringLocalizer<SharedResource> text)
{
    public const string QrContentId = "ticket-qr";

    public async Task<MimeMessage> ComposeAsync(BookingRow booking, CancellationToken ct)
    {
        var calendar = await venues.GetAsync(ct);
        var start = SlotGrid.AtMinute((int)booking.StartMinute);
        var slot = new Slot(booking.VisitDate, start, start.AddMinutes(calendar.Settings.SlotMinutes));
        var from = entry.From(calendar.Time.Start(slot));
        var until = entry.Until(calendar.Time.End(slot));
        var code = issuer.CodeFor(booking);
        var details = new Details(calendar.Settings.Name, IsoDate.Text(booking.VisitDate), $"{slot.Start:HH:mm}–{slot.End:HH:mm}",
            (int)booking.Persons, $"{from:HH:mm}", $"{until:HH:mm}", code);

        string[] languages = booking.Language is "ja" or "en" ? [booking.Language] : ["ja", "en"];
        var texts = languages.Select(language => (Texts: WordsFor(language, details), Link: issuer.PageUrl(booking.Id, language))).ToList();
        var message = new MimeMessage { Subject = string.Join(" / ", texts.Select(t => t.Texts.Subject)) };
        message.From.Add(new MailboxAddress(calendar.Settings.Name, mail.From));
        // MailboxAddress(name, address): the name is encoded as a display name, never parsed, so
        // quotes, commas or brackets in it cannot add a recipient or a header; control characters
        // (line breaks) become spaces, as some mail programs refuse them even encoded.
        var name = booking.NameEnc is null ? null : string.Concat(personal.Decrypt(booking.NameEnc).Select(c => char.IsControl(c) ? ' ' : c));
        message.To.Add(new MailboxAddress(name, personal.Decrypt(booking.EmailEnc!)));

        var body = new BodyBuilder
        {
            TextBody = string.Join("\n----\n\n", texts.Select(t => Text(t.Texts, details, t.Link))),
            HtmlBody = string.Join("<hr>", texts.Select(t => Html(t.Texts, details, t.Link))),
        };
        var qr = body.LinkedResources.Add("ticket-qr.png", QrImages.Png(code, 8), new ContentType("image", "png"));
        qr.ContentId = QrContentId;
        message.Body = body.ToMessageBody();
        return message;
    }

    private sealed record Details(string Venue, string Date, string Slot, int Persons, string From, string Until, string Code);

    /// <summary>The email's words in one language, from the site's resources (Japanese is the neutral culture).</summary>
    private sealed record Words(string Lang, string Subject, string Intro, string Link, string Date, string Slot, string Party,
        string Persons, string Window, string Code);

    private Words WordsFor(string lang, Details d)
    {
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(lang);
        try
        {
            return new Words(lang, text["Mail_Subject", d.Venue, d.Date], text["Mail_Intro"], text["Mail_Link"], text["Mail_Date"],
                text["Mail_Slot"], text["Mail_Party"], text["Mail_Persons", d.Persons], text["Mail_Window"], text["Mail_Code"]);
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    private static string Text(Words t, Details d, string link) => $"""
        {t.Intro}

        {t.Date}: {d.Date}
        {t.Slot}: {d.Slot}
        {t.Party}: {t.Persons}
        {t.Window}: {d.From}–{d.Until}

        {t.Link}
        {link}

        {t.Code}: {d.Code}

        """;

    private static string Html(Words t, Details d, string link)
    {
        static string E(string s) => WebUtility.HtmlEncode(s);
        return $"""
            <div lang="{t.Lang}"><p>{E(t.Intro)}</p>
            <p><img src="cid:{QrContentId}" alt="QR" width="296" height="296"></p>
            <p>{E(t.Date)}: {E(d.Date)}<br>{E(t.Slot)}: {E(d.Slot)}<br>{E(t.Party)}: {E(t.Persons)}<br>
            {E(t.Window)}: {E(d.From)}–{E(d.Until)}</p>
            <p>{E(t.Link)}<br><a href="{E(link)}">{E(link)}</a></p>
            <p style="font-family:monospace;font-size:11px;color:#666">{E(t.Code)}: {E(d.Code)}</p></div>
            """;
    }
}
