using System.Globalization;
using System.Text.RegularExpressions;

namespace Tidegate.Server.Tests.Support;

/// <summary>One read of /metrics in Prometheus' text format: each sample's name, labels and value.</summary>
public sealed partial class Scrape(IReadOnlyList<Scrape.Sample> samples)
{
    public sealed record Sample(string Name, IReadOnlyDictionary<string, string> Labels, double Value);

    public IReadOnlyList<Sample> Samples { get; } = samples;

    public static async Task<Scrape> ReadAsync(HttpClient client)
    {
        var response = await client.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return Parse(await response.Content.ReadAsStringAsync());
    }

    /// <summary>Reads until <paramref name="done"/> holds (the exporter caches a scrape briefly, the sandbox's webhooks arrive late).</summary>
    public static async Task<Scrape> UntilAsync(HttpClient client, Func<Scrape, bool> done, int seconds = 20)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var scrape = await ReadAsync(client);
            if (done(scrape) || DateTime.UtcNow > deadline) return scrape;
            await Task.Delay(200);
        }
    }

    public static Scrape Parse(string text) => new(text.Split('\n')
        .Where(line => line.Length > 0 && line[0] != '#')
        .Select(line => SampleLine().Match(line))
        .Where(m => m.Success)
        .Select(m => new Sample(m.Groups["name"].Value,
            LabelPair().Matches(m.Groups["labels"].Value).ToDictionary(l => l.Groups[1].Value, l => l.Groups[2].Value),
            double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture)))
        .ToList());

    /// <summary>The sum over the samples of <paramref name="name"/> carrying all of <paramref name="labels"/>; null when there is none.</summary>
    public double? Value(string name, params (string Key, string Value)[] labels)
    {
        var matching = Samples.Where(s => s.Name == name && labels.All(l => s.Labels.TryGetValue(l.Key, out var v) && v == l.Value)).ToList();
        return matching.Count == 0 ? null : matching.Sum(s => s.Value);
    }

    [GeneratedRegex("""^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>.*)\})?\s+(?<value>\S+)""")]
    private static partial Regex SampleLine();

    [GeneratedRegex(@"([a-zA-Z_][a-zA-Z0-9_]*)=""((?:[^""\\]|\\.)*)""")]
    private static partial Regex LabelPair();
}
