using System.ComponentModel.DataAnnotations;

namespace Tidegate.Server.Features.Site.Legal;

/// <summary>
/// Tidegate:Legal: the venue's own words for its terms of use, cancellation policy, privacy notice
/// and 特定商取引法に基づく表記, and the issuer details printed on receipts. The defaults are the
/// Sameshine Aquarium's; another venue sets its own in configuration. <see cref="TermsVersion"/> is
/// what a booking records when the visitor agrees: change it whenever the terms or the policy change.
/// </summary>
public sealed class LegalOptions
{
    public const string Section = "Tidegate:Legal";

    [Required, RegularExpression("^[A-Za-z0-9._-]{1,32}$")] public string TermsVersion { get; set; } = "2026-11-01";

    /// <summary>適格請求書発行事業者登録番号: T and 13 digits.</summary>
    [Required, RegularExpression("^T[0-9]{13}$")] public string RegistrationNumber { get; set; } = "T1234567890123";

    [Range(0, 100)] public int TaxRatePercent { get; set; } = 10;

    [Required] public LegalText Ja { get; set; } = LegalDefaults.Japanese();
    [Required] public LegalText En { get; set; } = LegalDefaults.English();

    public LegalText For(string language) => language == "en" ? En : Ja;
}

/// <summary>One language's text. Paragraphs are separated by a blank line; a line starting with "■ " is a heading.</summary>
public sealed class LegalText
{
    [Required] public string Seller { get; set; } = "";
    [Required] public string Representative { get; set; } = "";
    [Required] public string Address { get; set; } = "";
    [Required] public string Phone { get; set; } = "";
    [Required] public string Email { get; set; } = "";
    [Required] public string ContactHours { get; set; } = "";
    [Required] public string Price { get; set; } = "";
    [Required] public string OtherCharges { get; set; } = "";
    [Required] public string PaymentMethod { get; set; } = "";
    [Required] public string PaymentTiming { get; set; } = "";
    [Required] public string Delivery { get; set; } = "";
    [Required] public string CancellationSummary { get; set; } = "";
    [Required] public string Terms { get; set; } = "";
    [Required] public string Cancellation { get; set; } = "";
    [Required] public string Privacy { get; set; } = "";
    /// <summary>但し書き on the receipt.</summary>
    [Required] public string ReceiptFor { get; set; } = "";
}
