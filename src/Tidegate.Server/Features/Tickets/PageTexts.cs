using System.Globalization;
using System.Text.Json;

namespace Tidegate.Server.Features.Tickets;

/// <summary>
/// The words of the ticket page and email, one small dictionary per language (Texts/*.json,
/// embedded). Japanese is the default; ?lang=en switches.
/// </summary>
public sealed class PageTexts
{
    public static readonly IReadOnlyList<string> Languages = ["ja", "en"];
    private static readonly Dictionary<string, PageTexts> All = Languages.ToDictionary(l => l, Load);
    private readonly Dictionary<string, string> _texts;

    private PageTexts(string lang, Dictionary<string, string> texts) => (Lang, _texts) = (lang, texts);

    public string Lang { get; }

    public string Other => Lang == "ja" ? "en" : "ja";

    public static PageTexts For(string? lang) => All.GetValueOrDefault(lang ?? "ja") ?? All["ja"];

    public string this[string key] => _texts.TryGetValue(key, out var text) ? text : key;

    public string Format(string key, params object[] args) => string.Format(CultureInfo.InvariantCulture, this[key], args);

    private static PageTexts Load(string lang)
    {
        using var stream = typeof(PageTexts).Assembly.GetManifestResourceStream($"texts.{lang}.json")
            ?? throw new InvalidOperationException($"Missing texts for '{lang}'.");
        return new PageTexts(lang, JsonSerializer.Deserialize<Dictionary<string, string>>(stream)!);
    }
}
