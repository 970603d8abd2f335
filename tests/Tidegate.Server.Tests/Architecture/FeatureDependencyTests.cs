using Xunit.Abstractions;

namespace Tidegate.Server.Tests.Architecture;

/// <summary>Feature folders depend one way (STYLE.md: a feature calls another's use case or lookup, never its SQL).</summary>
public class FeatureDependencyTests(ITestOutputHelper output)
{
    [Fact]
    public void Feature_dependencies_form_no_cycle()
    {
        var graph = FeatureGraph.Of(typeof(Program).Assembly);
        foreach (var ((from, to), example) in graph.Edges.OrderBy(e => e.Key.From).ThenBy(e => e.Key.To))
            output.WriteLine($"{from} -> {to}    ({example})");
        Assert.Contains(("Booking", "Venue"), graph.Edges.Keys); // the reader sees real references
        var cycle = FeatureGraph.FindCycle(graph.Adjacency());
        Assert.True(cycle is null, $"Feature namespaces depend on each other in a cycle: {cycle}");
    }

    [Fact]
    public void No_feature_runs_another_features_sql()
    {
        var uses = FeatureGraph.ForeignSqlUses(Path.Combine(RepoRoot(), "src", "Tidegate.Server", "Features")).ToList();
        Assert.True(uses.Count == 0, "SQL classes used outside their feature:\n" + string.Join("\n", uses));
    }

    [Fact]
    public void The_cycle_finder_names_a_cycle_and_passes_a_tree()
    {
        var cyclic = new Dictionary<string, HashSet<string>>
        {
            ["A"] = ["B"], ["B"] = ["C"], ["C"] = ["A", "D"], ["D"] = [],
        };
        Assert.Equal("A -> B -> C -> A", FeatureGraph.FindCycle(cyclic));
        var mutual = new Dictionary<string, HashSet<string>> { ["Booking"] = ["Tickets"], ["Tickets"] = ["Booking"] };
        Assert.Equal("Booking -> Tickets -> Booking", FeatureGraph.FindCycle(mutual));
        var acyclic = new Dictionary<string, HashSet<string>>
        {
            ["A"] = ["B", "C"], ["B"] = ["C"], ["C"] = [], ["D"] = ["A", "C"],
        };
        Assert.Null(FeatureGraph.FindCycle(acyclic));
    }

    [Fact]
    public void Razor_pages_and_nested_types_count_for_their_feature()
    {
        var page = typeof(Program).Assembly.GetTypes().Single(t => t.Name == "Features_Booking_Pages_Cancel");
        Assert.Equal("Booking", FeatureGraph.FeatureOf(page));
        Assert.Equal("Booking", FeatureGraph.FeatureOf(typeof(Tidegate.Server.Features.Booking.Pages.CancelModel)));
        Assert.Null(FeatureGraph.FeatureOf(typeof(Tidegate.Server.Data.Db)));
    }

    [Fact]
    public void A_static_call_inside_a_method_body_counts_as_a_use() =>
        Assert.Contains(typeof(Tidegate.Server.Features.Booking.BookingLookup), FeatureGraph.UsedTypes(typeof(OnlyCallsInItsBody)));

    /// <summary>Names BookingLookup only inside a method body (a static call), nowhere in a signature.</summary>
    private static class OnlyCallsInItsBody
    {
        public static int Length() => Tidegate.Server.Features.Booking.BookingLookup.Link("tickets", "id", "key").Length;
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Tidegate.slnx"))) return dir.FullName;
        throw new InvalidOperationException("Tidegate.slnx not found above " + AppContext.BaseDirectory);
    }
}
