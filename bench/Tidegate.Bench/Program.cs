using Tidegate.Bench;
using Tidegate.Bench.Scenarios;
using Tidegate.Bench.Scenarios.Chaos;

// dotnet run -c Release --project bench/Tidegate.Bench -- <scenario> [--quick] [--json FILE] [--postgres CONNSTRING [--instances N]] [--proxy]
//   chaos also takes [--visitors N] [--pg-restart "COMMAND"] [--settle-seconds S]; "all" leaves chaos out (it restarts PostgreSQL).
string? Option(string flag) => Array.IndexOf(args, flag) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
var chaos = ChaosOptions.Parse(Option);
var scenarios = new Dictionary<string, Func<Engine, bool, Task<ScenarioResult>>>
{
    ["midnight-rush"] = MidnightRush.RunAsync,
    ["hot-slot"] = HotSlot.RunAsync,
    ["sold-out"] = SoldOut.RunAsync,
    ["availability"] = Availability.RunAsync,
    ["gate"] = Gate.RunAsync,
    ["chaos"] = (engine, quick) => Chaos.RunAsync(engine, quick, chaos),
    ["analytics"] = (_, _) =>
    {
        var r = new ScenarioResult("analytics") { Available = false };
        r.Notes.Add("not available: the analytics endpoints do not exist in this build");
        return Task.FromResult(r);
    },
};
var name = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal));
if (name is null || (name != "all" && !scenarios.ContainsKey(name)))
{
    Console.Error.WriteLine($"usage: Tidegate.Bench <{string.Join("|", scenarios.Keys)}|all> [--quick] [--json FILE] [--postgres CONNSTRING [--instances N]] [--proxy]");
    return 2;
}
var quick = args.Contains("--quick");
var instances = int.TryParse(Option("--instances"), out var n) ? n : 1;
if (instances > 1 && Option("--postgres") is null)
{
    Console.Error.WriteLine("--instances needs --postgres: several instances share one PostgreSQL database");
    return 2;
}
if (args.Contains("--proxy") && !Tidegate.Server.Tests.Support.Nginx.Available)
{
    Console.Error.WriteLine($"--proxy needs nginx ({Tidegate.Server.Tests.Support.Nginx.Binary})");
    return 2;
}
var engine = new Engine(Option("--postgres"), instances, args.Contains("--proxy"));

Console.WriteLine($"Tidegate bench · {Report.Machine()}");
Console.WriteLine($"engine {engine.Name} · durability {engine.Durability} · {(quick ? "quick" : "full")} run" +
    (engine.Proxy ? " · through nginx (deploy/nginx/tidegate.conf)" : ""));
var results = new List<ScenarioResult>();
foreach (var (key, run) in scenarios.Where(s => (name == "all" && s.Key != "chaos") || s.Key == name))
{
    Console.WriteLine($"running {key}…");
    ScenarioResult result;
    try
    {
        result = await Report.MeasuredAsync(() => run(engine, quick));
    }
    catch (Exception e)
    {
        result = new ScenarioResult(key) { Available = false };
        result.Notes.Add($"failed: {e.GetType().Name}: {e.Message}");
    }
    results.Add(result);
    Report.Print(result, engine);
}
if (Option("--json") is { } path) Report.WriteJson(path, results, engine);
return results.All(r => r.Met != false) ? 0 : 1;
