using System.Globalization;

namespace Tidegate.Server.Features.Tickets.Mail;

/// <summary>
/// The emails' words in Japanese and English, written as the venue writes to its visitors (様, 税込,
/// 入館枠; "Japan time" in English). Kept with the composer rather than in the page resources: an
/// email is read away from the site, so it says everything in full sentences of its own.
/// </summary>
public sealed record MailWords
{
    public required string Lang { get; init; }
    public required Func<string?, string> Greeting { get; init; }
    public required Func<string, string> Bracket { get; init; }
    public required Func<DateOnly, CultureInfo, string> ShortDate { get; init; }
    public required Func<DateOnly, CultureInfo, string> LongDate { get; init; }
    public required Func<int, CultureInfo, string> Yen { get; init; }
    public required Func<int, int, int, int, string> PartyOf { get; init; }
    public required Func<string, string> Charged { get; init; }
    public required Func<string, string> Refunded { get; init; }
    public required Func<string, string, string> Until { get; init; }
    public required Func<string, string> Signature { get; init; }
    public required IReadOnlyDictionary<string, string> Subjects { get; init; }
    public required IReadOnlyDictionary<string, string> Intros { get; init; }
    public required string When { get; init; }
    public required string Before { get; init; }
    public required string After { get; init; }
    public required string Window { get; init; }
    public required string Party { get; init; }
    public required string Amount { get; init; }
    public required string Difference { get; init; }
    public required string Refund { get; init; }
    public required string Deadline { get; init; }
    public required string Number { get; init; }
    public required string OldQrVoid { get; init; }
    public required string RefundNote { get; init; }
    public required string NoRefund { get; init; }
    public required string Link { get; init; }
    public required string LinkCancelled { get; init; }
    public required string Show { get; init; }
    public required string Address { get; init; }
    public required string Access { get; init; }
    public required string Contact { get; init; }
    public required string QrAlt { get; init; }
    public required string Code { get; init; }
    public required string JapanTime { get; init; }
    public string Dash { get; init; } = "–";
    public string Colon { get; init; } = ": ";
    public string Mark { get; init; } = "";

    public string SubjectOf(string kind) => Subjects[kind];
    public string IntroOf(string kind) => Intros[kind];

    public static MailWords For(string lang) => lang == "en" ? En : Ja;

    public static readonly MailWords Ja = new()
    {
        Lang = "ja",
        Greeting = name => $"{(string.IsNullOrWhiteSpace(name) ? "お客" : name)} 様",
        Bracket = venue => $"【{venue}】",
        ShortDate = (d, c) => d.ToString("M月d日(ddd)", c),
        LongDate = (d, c) => d.ToString("yyyy年M月d日(ddd)", c),
        Yen = (n, c) => string.Format(c, "{0:N0}円（税込）", n),
        PartyOf = (adult, child, infant, toddler) => string.Join("・", new[] { ("大人", adult), ("小人", child), ("幼児", infant), ("0〜3歳のお子様", toddler) }
            .Where(p => p.Item2 > 0).Select(p => $"{p.Item1}{p.Item2}名")) + $"（計{adult + child + infant + toddler}名）",
        Charged = yen => $"{yen}をお支払いいただきました",
        Refunded = yen => $"{yen}をご返金いたします",
        Until = (date, time) => $"{date} {time}まで",
        Signature = venue => $"{venue}\n※このメールは送信専用です。ご返信いただいてもお答えできません。",
        Subjects = new Dictionary<string, string>
        {
            [MailKinds.Ticket] = "ご予約確定のお知らせ",
            [MailKinds.Changed] = "ご予約変更のお知らせ",
            [MailKinds.Cancelled] = "ご予約キャンセルのお知らせ",
            [MailKinds.Reminder] = "明日のご来館のご案内",
            [MailKinds.Resend] = "チケットの再送のお知らせ",
        },
        Intros = new Dictionary<string, string>
        {
            [MailKinds.Ticket] = "このたびはご予約いただき、誠にありがとうございます。ご予約が確定しましたので、内容をお知らせいたします。ご来館の際は、入口で下のQRコードをご提示ください。",
            [MailKinds.Changed] = "ご予約の変更を承りました。変更後の内容と新しいQRコードをお送りいたします。",
            [MailKinds.Cancelled] = "ご予約のキャンセルを承りました。またのご来館を心よりお待ちしております。",
            [MailKinds.Reminder] = "明日のご来館を心よりお待ちしております。ご予約の内容をあらためてお知らせいたします。",
            [MailKinds.Resend] = "チケットページへのリンクの再送をご依頼いただきましたので、お送りいたします。お心当たりのない場合は、このメールを破棄してください。",
        },
        When = "ご予約日時（入館枠）",
        Before = "変更前",
        After = "変更後",
        Window = "入館可能時間",
        Party = "人数",
        Amount = "料金",
        Difference = "差額",
        Refund = "ご返金額",
        Deadline = "キャンセル・変更期限",
        Number = "予約番号",
        OldQrVoid = "変更前のQRコードは無効になりました。ご入館には、このメールの新しいQRコードをご利用ください。",
        RefundNote = "ご返金はお支払いに使われたクレジットカードへ行います。カード会社により、明細への反映までお時間がかかる場合があります。",
        NoRefund = "お支払いはありませんでしたので、ご返金はありません。",
        Link = "チケットページ（QRコードの表示・変更・キャンセル。このリンクは他の方と共有しないでください）",
        LinkCancelled = "ご予約の内容はこちらでご確認いただけます",
        Show = "当日は入館可能時間内に、入口でQRコードをご提示ください。",
        Address = "所在地",
        Access = "アクセス",
        Contact = "お問い合わせ",
        QrAlt = "入館用QRコード",
        Code = "チケットコード",
        JapanTime = "",
        Dash = "〜",
        Colon = "：",
        Mark = "■",
    };

    public static readonly MailWords En = new()
    {
        Lang = "en",
        Greeting = name => string.IsNullOrWhiteSpace(name) ? "Dear guest," : $"Dear {name},",
        Bracket = venue => $"[{venue}] ",
        ShortDate = (d, c) => d.ToString("ddd d MMM", c),
        LongDate = (d, c) => d.ToString("dddd d MMMM yyyy", c),
        Yen = (n, c) => string.Format(c, "¥{0:N0} (tax included)", n),
        PartyOf = (adult, child, infant, toddler) => string.Join(", ", new[] { ("adult", "adults", adult), ("child", "children", child),
                ("infant (4–5)", "infants (4–5)", infant), ("child under 4", "children under 4", toddler) }
            .Where(p => p.Item3 > 0).Select(p => $"{p.Item3} {(p.Item3 == 1 ? p.Item1 : p.Item2)}"))
            + ((adult + child + infant + toddler) switch { 1 => " (1 person in all)", var n => $" ({n} people in all)" }),
        Charged = yen => $"{yen} paid",
        Refunded = yen => $"{yen} refunded to you",
        Until = (date, time) => $"until {time} on {date} (Japan time)",
        Signature = venue => $"{venue}\nThis address only sends; replies are not read.",
        Subjects = new Dictionary<string, string>
        {
            [MailKinds.Ticket] = "Booking confirmed",
            [MailKinds.Changed] = "Booking changed",
            [MailKinds.Cancelled] = "Booking cancelled",
            [MailKinds.Reminder] = "See you tomorrow",
            [MailKinds.Resend] = "Your ticket link",
        },
        Intros = new Dictionary<string, string>
        {
            [MailKinds.Ticket] = "Thank you for your booking. It is confirmed; the details are below. Please show the QR code below at the entrance.",
            [MailKinds.Changed] = "Your booking has been changed. The new details and your new QR code are below.",
            [MailKinds.Cancelled] = "Your booking has been cancelled. We hope to welcome you another time.",
            [MailKinds.Reminder] = "We look forward to welcoming you tomorrow. Here are the details of your booking once more.",
            [MailKinds.Resend] = "You asked for the link to your ticket again; here it is. If you did not ask for it, you can ignore this email.",
        },
        When = "Date and entry slot",
        Before = "Before",
        After = "Now",
        Window = "Entry window",
        Party = "Party",
        Amount = "Price",
        Difference = "Difference",
        Refund = "Refund",
        Deadline = "Cancel or change",
        Number = "Booking number",
        OldQrVoid = "Your previous QR code is no longer valid. Please use the new QR code in this email to enter.",
        RefundNote = "The refund goes back to the card you paid with; your card company may take some days to show it.",
        NoRefund = "Nothing was paid, so there is nothing to refund.",
        Link = "Your ticket page (shows the QR code; change or cancel there; keep this link private):",
        LinkCancelled = "Your booking's details:",
        Show = "On the day, show the QR code at the entrance within the entry window.",
        Address = "Address",
        Access = "Getting here",
        Contact = "Contact",
        QrAlt = "Entry QR code",
        Code = "Ticket code",
        JapanTime = " (Japan time)",
    };
}
