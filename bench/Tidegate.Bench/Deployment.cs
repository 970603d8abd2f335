namespace Tidegate.Bench;

/// <summary>
/// The Tidegate instances of one scenario: one on SQLite, or engine.Instances over one PostgreSQL
/// database sharing their secrets, as behind a load balancer. Visitor i talks to instance i mod N
/// for its whole journey, which keeps the load even (any instance could serve any step).
/// </summary>
public sealed class Deployment : IAsyncDisposable
{
    private Deployment(List<ServerProcess> servers) => Servers = servers;

    public IReadOnlyList<ServerProcess> Servers { get; }

    /// <summary>The first instance: the one that owns the database (checked after the run).</summary>
    public ServerProcess First => Servers[0];

    public static async Task<Deployment> StartAsync(Engine engine, DateTimeOffset clock, IDictionary<string, string> settings)
    {
        var first = await ServerProcess.StartAsync(engine, clock, settings);
        var servers = new List<ServerProcess> { first };
        for (var i = 1; i < engine.Instances; i++) servers.Add(await ServerProcess.StartAsync(engine, clock, settings, first));
        return new Deployment(servers);
    }

    public TimeSpan ServerCpu() => Servers.Aggregate(TimeSpan.Zero, (sum, s) => sum + s.ServerCpu());

    /// <summary>The largest peak memory of one instance.</summary>
    public double PeakMemoryMb() => Servers.Max(s => s.PeakMemoryMb());

    public async ValueTask DisposeAsync()
    {
        // The first instance last: it drops the database and the shared data directory.
        foreach (var server in Servers.Reverse()) await server.DisposeAsync();
    }
}
