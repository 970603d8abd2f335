using System.Globalization;
using System.Text.Encodings.Web;

namespace Tidegate.Server.Features.Payments.Sandbox;

/// <summary>
/// The sandbox provider's hosted card form, in the visitor's language (the site's culture: its
/// cookie, ?lang= or the browser's), sized for a phone, with declines said in words and a link
/// back to the booking (the payment's return URL, which shows the booking as it stands).
/// </summary>
internal static class SandboxPage
{
    private sealed record Words(
        string Lang, string Title, string Heading, string Amount, string Note, string Number, string Expiry, string Cvc, string Pay,
        string Back, string Cards, Func<string, string> Declined, Func<string, string> Invalid);

    private static readonly Words Ja = new("ja", "カード決済（テスト環境）", "カードでのお支払い（テスト環境）", "お支払い金額（税込）",
        "これはテスト用の決済画面です。実際の請求は発生しません。", "カード番号", "有効期限（MM/YY）", "セキュリティコード", "支払う",
        "ご予約に戻る", "テストカード：4242 4242 4242 4242 は成功、4000 0000 0000 0002 はカード会社により拒否、4000 0000 0000 9995 は残高不足になります。",
        reason => reason switch
        {
            "insufficient_funds" => "残高不足のため、このカードではお支払いできませんでした。別のカードをお試しください。",
            "card_not_supported" => "このカードはご利用いただけません。別のカードをお試しください。",
            _ => "カード会社によりお支払いが承認されませんでした。別のカードをお試しいただくか、カード会社にお問い合わせください。",
        },
        field => field switch
        {
            "cardNumber" => "カード番号は12〜19桁の数字で入力してください。",
            "expiry" => "有効期限を MM/YY の形で、期限切れでないものを入力してください。",
            _ => "セキュリティコードは3桁または4桁の数字で入力してください。",
        });

    private static readonly Words En = new("en", "Card payment (sandbox)", "Pay by card (sandbox)", "Amount (tax included)",
        "This is a test payment page. No real charge is made.", "Card number", "Expiry (MM/YY)", "Security code (CVC)", "Pay",
        "Back to your booking", "Test cards: 4242 4242 4242 4242 succeeds; 4000 0000 0000 0002 is declined by the card issuer; 4000 0000 0000 9995 has insufficient funds.",
        reason => reason switch
        {
            "insufficient_funds" => "The card has insufficient funds. Please try another card.",
            "card_not_supported" => "This card cannot be used here. Please try another card.",
            _ => "Your card issuer declined the payment. Please try another card, or contact your card issuer.",
        },
        field => field switch
        {
            "cardNumber" => "Enter the card number as 12 to 19 digits.",
            "expiry" => "Enter an expiry date as MM/YY that has not passed.",
            _ => "Enter the security code as 3 or 4 digits.",
        });

    private const string Style = """
        *{box-sizing:border-box}body{font-family:system-ui,sans-serif;max-width:28rem;margin:0 auto;padding:1rem;line-height:1.6;color:#1a1a1a}
        h1{font-size:1.35rem}label{display:block;margin:.8rem 0 .2rem;font-weight:600}input{width:100%;padding:.6rem;font-size:1rem;min-height:44px}
        button{margin-top:1rem;width:100%;min-height:48px;font-size:1.05rem;background:#0b5cad;color:#fff;border:0;border-radius:6px}
        .error{color:#a4001d;background:#fdecee;border:1px solid #a4001d;border-radius:6px;padding:.6rem .8rem}
        .note,small{color:#444}.back{display:inline-flex;align-items:center;min-height:44px;margin-top:1rem;color:#0b5cad}
        .amount{font-size:1.4rem;font-weight:700}:focus-visible{outline:3px solid #10243e;outline-offset:2px}
        """;

    public enum Problem { None, Declined, Invalid }

    public static string Render(SandboxPayment payment, Problem problem = Problem.None, string? code = null)
    {
        var w = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en" ? En : Ja;
        var e = HtmlEncoder.Default;
        var message = problem switch
        {
            Problem.Declined => w.Declined(code ?? ""),
            Problem.Invalid => w.Invalid(code ?? ""),
            _ => null,
        };
        var amount = payment.Currency == "JPY"
            ? (w.Lang == "ja" ? $"{payment.Amount:N0}円" : $"¥{payment.Amount:N0}")
            : $"{payment.Amount:N0} {payment.Currency}";
        return $$"""
            <!doctype html>
            <html lang="{{w.Lang}}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="robots" content="noindex"><title>{{w.Title}}</title><style>{{Style}}</style></head>
            <body><h1>{{w.Heading}}</h1>
            <p>{{w.Amount}}: <span class="amount" id="amount">{{e.Encode(amount)}}</span></p>
            <p class="note">{{w.Note}}</p>
            {{(message is null ? "" : $"<p class=\"error\" id=\"error\" role=\"alert\" data-reason=\"{e.Encode(code ?? "")}\">{e.Encode(message)}</p>")}}
            <form method="post" action="/sandbox/payments/{{e.Encode(payment.Id)}}/pay">
            <label for="cardNumber">{{w.Number}}</label><input id="cardNumber" name="cardNumber" inputmode="numeric" autocomplete="off" required>
            <label for="expiry">{{w.Expiry}}</label><input id="expiry" name="expiry" value="12/30" inputmode="numeric" required>
            <label for="cvc">{{w.Cvc}}</label><input id="cvc" name="cvc" value="123" inputmode="numeric" required>
            <button type="submit">{{w.Pay}} {{e.Encode(amount)}}</button></form>
            <p><a class="back" id="back" href="{{e.Encode(payment.ReturnUrl)}}">← {{w.Back}}</a></p>
            <p><small>{{w.Cards}}</small></p></body></html>
            """;
    }
}
