using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tidegate.Bench;

/// <summary>One figure with its target: "met" when the comparison holds; no target means informational.</summary>
public sealed record Figure(string Name, double Value, string Unit, string? Target = null, bool? Met = null);

public sealed class ScenarioResult(string scenario)
{
    public string Scenario { get; } = scenario;
    public bool Available { get; set; } = true;
    public List<string> Notes { get; } = [];
    public List<Figure> Rows { get; } = [];
    public double LoadGeneratorCpuCores { get; set; }

    public Dictionary<string, double> Figures => Rows.ToDictionary(r => r.Name, r => Math.Round(r.Value, 2));
    public Dictionary<string, string> Target => Rows.Where(r => r.Target is not null).ToDictionary(r => r.Name, r => r.Target!);
    /// <summary>All targets met (null when the scenario could not run).</summary>
    public bool? Met => Available ? Rows.Where(r => r.Met is not null).All(r => r.Met == true) : null;

    public void Add(string name, double value, string unit, string? target = null, bool? met = null) => Rows.Add(new Figure(name, value, unit, target, met));
    public void AtLeast(string name, double value, double target, string unit) => Add(name, value, unit, $">= {target} {unit}", value >= target);
    public void AtMost(string name, double value, double target, string unit) => Add(name, value, unit, $"<= {target} {unit}", value <= target);
}

public static class Report
{
    public static string Machine()
    {
        var cpu = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':')[1].Trim()
            : null;
        var memory = File.Exists("/proc/meminfo")
            ? long.Parse(File.ReadLines("/proc/meminfo").First().Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024 / 1024 + " GiB"
            : "?";
        return $"{Environment.ProcessorCount} cores ({cpu ?? RuntimeInformation.ProcessArchitecture.ToString()}), {memory}, {RuntimeInformation.OSDescription}, .NET {Environment.Version}";
    }

    public static void Print(ScenarioResult r, Engine engine)
    {
        Console.WriteLine();
        Console.WriteLine($"== {r.Scenario} ==  engine {engine.Name} ({engine.Durability}); load generator CPU {r.LoadGeneratorCpuCores:F2} cores");
        if (!r.Available) { foreach (var n in r.Notes) Console.WriteLine("   " + n); return; }
        Console.WriteLine($"   {"figure",-34} {"value",14}  {"target",-20} result");
        foreach (var f in r.Rows)
            Console.WriteLine($"   {f.Name,-34} {f.Value,14:0.##} {f.Unit,-6} {f.Target ?? "",-20} {(f.Met is null ? "" : f.Met.Value ? "met" : "MISSED")}");
        foreach (var n in r.Notes) Console.WriteLine("   note: " + n);
    }

    public static void WriteJson(string path, IEnumerable<ScenarioResult> results, Engine engine)
    {
        var doc = new
        {
            machine = Machine(), engine = engine.Name, durability = engine.Durability, at = DateTimeOffset.UtcNow,
            scenarios = results.Select(r => new
            {
                scenario = r.Scenario, available = r.Available, figures = r.Figures, target = r.Target, met = r.Met,
                loadGeneratorCpuCores = Math.Round(r.LoadGeneratorCpuCores, 2), notes = r.Notes,
            }),
        };
        File.WriteAllText(path, JsonSerializer.Serialize(doc, new JsonSerializerOptions
        {
            WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        }));
    }

    /// <summary>Measures the load generator's own CPU (cores busy on average) around a scenario.</summary>
    public static async Task<ScenarioResult> MeasuredAsync(Func<Task<ScenarioResult>> run)
    {
        var self = Process.GetCurrentProcess();
        var cpu0 = self.TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        var result = await run();
        self.Refresh();
        result.LoadGeneratorCpuCores = (self.TotalProcessorTime - cpu0).TotalSeconds / wall.Elapsed.TotalSeconds;
        return result;
    }
}
