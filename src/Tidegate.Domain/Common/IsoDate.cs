using System.Globalization;

namespace Tidegate.Domain.Common;

/// <summary>
/// The one text form of a date: yyyy-MM-dd, as stored, sent on the wire and put in URLs. Every
/// date shown or parsed as text goes through here rather than repeating the format.
/// </summary>
public static class IsoDate
{
    public const string Format = "yyyy-MM-dd";

    public static string Text(DateOnly date) => date.ToString(Format, CultureInfo.InvariantCulture);

    public static DateOnly Parse(string text) => DateOnly.ParseExact(text, Format, CultureInfo.InvariantCulture);

    public static bool TryParse(string? text, out DateOnly date) =>
        DateOnly.TryParseExact(text, Format, CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
}
