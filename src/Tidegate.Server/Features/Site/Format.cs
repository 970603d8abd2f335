using System.Globalization;
using Microsoft.Extensions.Localization;

namespace Tidegate.Server.Features.Site;

/// <summary>Dates, times and yen in the visitor's language; the patterns themselves live in the resources.</summary>
public sealed class Format(IStringLocalizer<SharedResource> text)
{
    private static CultureInfo Culture => CultureInfo.CurrentUICulture;

    public string Date(DateOnly date) => date.ToString(text["Format_Date"], Culture);

    public string LongDate(DateOnly date) => date.ToString(text["Format_LongDate"], Culture);

    public string Month(DateOnly month) => month.ToString(text["Format_Month"], Culture);

    public string Time(DateTimeOffset instant) => instant.ToString("HH:mm", CultureInfo.InvariantCulture);

    public string DateTime(DateTimeOffset instant) => instant.ToString(text["Format_DateTime"], Culture);

    public string Yen(int amount) => string.Format(Culture, text["Format_Yen"], amount);

    public string Weekday(DayOfWeek day) => Culture.DateTimeFormat.GetAbbreviatedDayName(day);

    public string Language => Culture.TwoLetterISOLanguageName;
}
