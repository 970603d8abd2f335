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

    /// <summary>A price as a visitor reads it: 「2,600円（税込）」, "¥2,600 incl. tax".</summary>
    public string YenTax(int amount) => string.Format(Culture, text["Words_YenTax"], amount);

    /// <summary>「3名」; "1 person", "3 people".</summary>
    public string Persons(int count) => text[count == 1 ? "Words_Person" : "Words_Persons", count];

    /// <summary>
    /// Who comes, leaving out the types nobody is: 「大人2名・小人1名・0〜3歳のお子様1名」,
    /// "2 adults, 1 child, 1 child under 4".
    /// </summary>
    public string Party(int adult, int child, int infant, int toddler) =>
        string.Join(text["Words_PartySeparator"], new[] { ("Adult", adult), ("Child", child), ("Infant", infant), ("Toddler", toddler) }
            .Where(p => p.Item2 > 0)
            .Select(p => text[$"Words_Party{p.Item1}{(p.Item2 == 1 ? "One" : "Many")}", p.Item2].Value));

    /// <summary>" (Japan time)" after a time on an English page; nothing in Japanese, where it goes without saying.</summary>
    public string JapanTime => text["Words_JapanTime"];

    public string Weekday(DayOfWeek day) => Culture.DateTimeFormat.GetAbbreviatedDayName(day);

    public string Language => Culture.TwoLetterISOLanguageName;
}
