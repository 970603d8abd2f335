namespace Tidegate.Server.Features.Tickets.Mail;

/// <summary>
/// Tidegate:Venue:Contact: the venue's name, address, how to get there and how to reach it, in
/// Japanese and English, as every email and the calendar file give them. Sameshine's by default.
/// </summary>
public sealed class VenueContactOptions
{
    public const string Section = "Tidegate:Venue:Contact";

    public string NameJa { get; set; } = "サメシャイン水族館";
    public string NameEn { get; set; } = "Sameshine Aquarium";
    public string AddressJa { get; set; } = "〒170-8630 東京都豊島区東池袋3-1";
    public string AddressEn { get; set; } = "3-1 Higashi-Ikebukuro, Toshima-ku, Tokyo 170-8630";
    public string AccessJa { get; set; } = "JR・東京メトロ・西武線・東武線「池袋駅」東口から徒歩約10分、東京メトロ有楽町線「東池袋駅」から徒歩約5分";
    public string AccessEn { get; set; } =
        "About 10 minutes' walk from the east exit of Ikebukuro Station (JR, Tokyo Metro, Seibu, Tobu), or 5 minutes from Higashi-Ikebukuro Station (Tokyo Metro Yurakucho Line).";
    public string ContactJa { get; set; } = "サメシャイン水族館 予約係 info@sameshine.example（受付 10:00〜18:00）";
    public string ContactEn { get; set; } = "Sameshine Aquarium bookings, info@sameshine.example (10:00–18:00 Japan time)";

    public string Name(string lang) => lang == "en" ? NameEn : NameJa;
    public string Address(string lang) => lang == "en" ? AddressEn : AddressJa;
    public string Access(string lang) => lang == "en" ? AccessEn : AccessJa;
    public string Contact(string lang) => lang == "en" ? ContactEn : ContactJa;
}
