namespace Tidegate.Server.Features.Site.Legal;

/// <summary>The Sameshine Aquarium's terms, policies and seller details, as the venue publishes them.</summary>
internal static class LegalDefaults
{
    public static LegalText Japanese() => new()
    {
        Seller = "株式会社サメシャイン水族館",
        Representative = "代表取締役 海野 潮",
        Address = "〒170-8630 東京都豊島区東池袋3-1",
        Phone = "03-0000-0000",
        Email = "info@sameshine-aquarium.example.jp",
        ContactHours = "受付時間 10:00〜17:00（休館日を除く）",
        Price = "各入館枠の予約ページに表示する金額（消費税込み）。大人 2,600円（土日祝）／2,400円（平日）、小人（6〜15歳）1,300円／1,200円、幼児（4〜5歳）800円／700円、0〜3歳 無料。",
        OtherCharges = "インターネット接続料金・通信料金はお客様のご負担となります。",
        PaymentMethod = "クレジットカード（Visa、Mastercard、JCB、American Express、Diners Club）",
        PaymentTiming = "ご予約時（入館枠の確保後10分以内）にお支払いいただきます。カード会社からの引き落とし日は、各カード会社の規定によります。",
        Delivery = "お支払い完了後、ただちに入場用QRコードをご予約確認ページとメールでお渡しします。ご来館日の入館枠の時間に、QRコードを入口でご提示ください。",
        CancellationSummary = "ご来館日の前日23:59まで、ご予約確認ページからキャンセルでき、全額を返金します。当日以降のキャンセル・返金はお受けできません。",
        Terms = """
            ■ 第1条（適用）
            本規約は、株式会社サメシャイン水族館（以下「当館」）が提供する入館予約サービスの利用に適用されます。ご予約の際は、本規約とキャンセルポリシーに同意のうえお申し込みください。

            ■ 第2条（予約）
            ご予約は15分ごとの入館枠単位で承ります。同じご来館日のご予約は、お一人さま（メールアドレスごと）1件までです。1件のご予約でご利用いただける人数は10名までです。

            ■ 第3条（お支払い）
            料金はすべて税込です。入館枠の確保から10分以内にクレジットカードでお支払いください。お支払いがない場合、確保した入館枠は自動的に解放されます。

            ■ 第4条（入館）
            入館枠の開始15分前から終了30分後までに、入場用QRコードを入口でご提示ください。この時間を過ぎるとご入館いただけません。再入館はできません。

            ■ 第5条（変更・キャンセル）
            ご来館日の前日23:59まで、空きのある別の入館枠への変更とキャンセルを承ります。詳しくはキャンセルポリシーをご覧ください。

            ■ 第6条（禁止事項）
            入場券の転売、営利目的での譲渡、自動化された手段による大量の予約は禁止します。これらが判明したご予約は、当館の判断で取り消すことがあります。

            ■ 第7条（休館・営業の変更）
            天災、設備の故障その他やむを得ない事情により休館または営業時間を変更する場合、該当するご予約は全額を返金します。

            ■ 第8条（規約の変更）
            当館は本規約を変更することがあります。変更後の規約は、このページに掲載した時点から効力を生じます。
            """,
        Cancellation = """
            ■ キャンセルの期限
            ご来館日の前日23:59（日本時間）まで、ご予約確認ページの「キャンセル」からお手続きいただけます。

            ■ 返金
            期限内のキャンセルは、お支払い金額の全額をご利用のクレジットカードに返金します。返金の反映時期はカード会社により異なります。

            ■ 期限を過ぎた場合
            ご来館日当日以降のキャンセル、ご来館されなかった場合の返金はいたしかねます。

            ■ 日時の変更
            期限内であれば、空きのある別の入館枠に変更できます。料金に差額がある場合は、追加でお支払いいただくか、差額を返金します。

            ■ 当館の都合による休館
            臨時休館などによりご入館いただけない場合は、全額を返金します。
            """,
        Privacy = """
            ■ 取得する情報
            ご予約の際に、お名前、メールアドレス、ご来館日時、人数をお預かりします。クレジットカード番号は決済代行会社が直接お預かりし、当館では保持しません。

            ■ 利用目的
            ご予約の受付と確認、入場券の送付、ご予約に関するご連絡、入館時の本人確認、混雑状況の把握と運営の改善（個人を特定しない集計に限ります）に利用します。

            ■ 管理
            お名前とメールアドレスは暗号化して保管し、必要な担当者のみが閲覧できます。閲覧の記録を残しています。

            ■ 第三者への提供
            法令に基づく場合を除き、ご本人の同意なく第三者に提供しません。決済のため、決済代行会社にお支払いに必要な情報を提供します。

            ■ 開示・訂正・削除のご請求
            下記の窓口までご連絡ください。ご本人であることを確認のうえ、対応します。

            ■ お問い合わせ窓口
            株式会社サメシャイン水族館 個人情報担当　info@sameshine-aquarium.example.jp
            """,
        ReceiptFor = "入館料として",
    };

    public static LegalText English() => new()
    {
        Seller = "Sameshine Aquarium Co., Ltd.",
        Representative = "Ushio Unno, Representative Director",
        Address = "3-1 Higashi-Ikebukuro, Toshima-ku, Tokyo 170-8630, Japan",
        Phone = "+81-3-0000-0000",
        Email = "info@sameshine-aquarium.example.jp",
        ContactHours = "10:00–17:00 Japan time, except on days we are closed",
        Price = "As shown on the booking page of each entry slot, consumption tax included. Adult ¥2,600 (weekends and holidays) / ¥2,400 (weekdays); child (6–15) ¥1,300 / ¥1,200; infant (4–5) ¥800 / ¥700; ages 0–3 free.",
        OtherCharges = "Internet connection and data charges are yours.",
        PaymentMethod = "Credit card (Visa, Mastercard, JCB, American Express, Diners Club)",
        PaymentTiming = "When you book (within 10 minutes of reserving your entry slot). When the card is debited depends on your card issuer.",
        Delivery = "As soon as the payment is complete, your entry QR code is shown on your booking page and sent by email. Show it at the entrance at your entry slot's time.",
        CancellationSummary = "You can cancel on your booking page until 23:59 (Japan time) the day before your visit, with a full refund. From the day of the visit, no cancellation or refund.",
        Terms = """
            ■ 1. Scope
            These terms apply to the entry booking service of Sameshine Aquarium Co., Ltd. ("we"). By booking, you agree to these terms and to the cancellation policy.

            ■ 2. Bookings
            Bookings are for 15-minute entry slots. One booking per person (per email address) per visit date, for up to 10 people.

            ■ 3. Payment
            All prices include consumption tax. Pay by credit card within 10 minutes of reserving your slot; otherwise the places are released automatically.

            ■ 4. Entry
            Show your entry QR code at the entrance from 15 minutes before your slot starts until 30 minutes after it ends. Outside this window we cannot let you in. Re-entry is not possible.

            ■ 5. Changes and cancellation
            Until 23:59 (Japan time) the day before your visit, you may move to another slot with places left, or cancel. See the cancellation policy.

            ■ 6. What is not allowed
            Reselling tickets, passing them on for profit and booking in bulk by automated means. We may cancel bookings made this way.

            ■ 7. Closures
            If we must close or change our hours (natural disaster, equipment failure or similar), the bookings affected are refunded in full.

            ■ 8. Changes to these terms
            We may change these terms. The new terms take effect when they are published on this page.
            """,
        Cancellation = """
            ■ Deadline
            Cancel on your booking page ("Cancel") until 23:59 Japan time the day before your visit.

            ■ Refund
            A cancellation before the deadline is refunded in full to the card you paid with. When it appears depends on your card issuer.

            ■ After the deadline
            From the day of the visit, and if you do not come, we cannot refund.

            ■ Changing the date or time
            Before the deadline you may move to another slot with places left. A price difference is charged or refunded.

            ■ If we close
            If you cannot visit because we close (for example an unscheduled closure), we refund in full.
            """,
        Privacy = """
            ■ What we collect
            Your name, email address, visit date and time, and party size. Card numbers go straight to our payment provider; we never keep them.

            ■ Why
            To take and confirm your booking, send your ticket, contact you about it, check tickets at the entrance, and understand how busy we are (in totals that identify nobody).

            ■ How we keep it
            Names and email addresses are stored encrypted and seen only by the staff who need them; every view is logged.

            ■ Sharing
            We share nothing without your consent unless the law requires it; our payment provider receives what a payment needs.

            ■ Seeing, correcting or deleting your data
            Contact us below; we will confirm it is you and act on your request.

            ■ Contact
            Sameshine Aquarium Co., Ltd., personal data desk: info@sameshine-aquarium.example.jp
            """,
        ReceiptFor = "Admission",
    };
}
