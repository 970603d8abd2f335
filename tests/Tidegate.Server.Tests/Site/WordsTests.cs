using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Tidegate.Server.Tests.Site;

/// <summary>
/// Issue 12, item 7: the visitor pages' words. An aquarium sells entry slots (入館枠), not seats (席);
/// a full slot is 満員; nobody is counted as "0〜3歳1" or "1 persons".
/// </summary>
public class WordsTests
{
    [Fact]
    public void The_japanese_visitor_text_never_speaks_of_seats_nor_counts_awkwardly()
    {
        var text = Values("SharedResource.resx");
        Assert.Empty(text.Where(t => t.Value.Contains('席')).Select(t => t.Key));
        Assert.Empty(text.Where(t => Regex.IsMatch(t.Value, "0〜3歳\\{\\d\\}")).Select(t => t.Key));
    }

    [Fact]
    public void The_english_visitor_text_never_says_persons()
    {
        var text = Values("SharedResource.en.resx");
        Assert.Empty(text.Where(t => t.Value.Contains("persons", StringComparison.Ordinal)).Select(t => t.Key));
    }

    private static Dictionary<string, string> Values(string file)
    {
        var path = Path.Combine(RepoRoot(), "src", "Tidegate.Server", "Resources", file);
        return XDocument.Load(path).Root!.Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? "");
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Tidegate.slnx"))) return dir.FullName;
        throw new InvalidOperationException("Tidegate.slnx not found above " + AppContext.BaseDirectory);
    }
}
