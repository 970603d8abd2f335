using Tidegate.Server.Tests.Support;

namespace Tidegate.Bench;

/// <summary>
/// The Tidegate instances of one scenario: one on SQLite, or engine.Instances over one PostgreSQL
/// database sharing their secrets, as behind a load balancer; with --proxy, nginx running the
/// shipped deploy/nginx/tidegate.conf in front of them. Without the proxy visitor i talks to
/// instance i mod N for its whole journey, which keeps the load even (any instance could serve any step).
/// </summary>
public sealed class Deployment : IAsyncDisposable
{
    private Deployment(List<ServerProcess> servers, Nginx? proxy) => (Servers, Proxy) = (servers, proxy);

    public IReadOnlyList<ServerProcess> Servers { get; }

    /// <summary>nginx in front of the instances (--proxy), else null.</summary>
    public Nginx? Proxy { get; }

    /// <summary>The first instance: the one that owns the database (checked after the run).</summary>
    public ServerProcess First => Servers[0];

    public static async Task<Deployment> StartAsync(Engine engine, DateTimeOffset clock, IDictionary<string, string> settings)
    {
        var proxy = engine.Proxy ? new Nginx() : null;
        if (proxy is not null)
        {
            settings = new Dictionary<string, string>(settings)
            {
                ["Tidegate__PublicUrl"] = proxy.PublicUrl, ["Tidegate__Network__TrustedProxies"] = "127.0.0.1",
            };
        }
        var first = await ServerProcess.StartAsync(engine, clock, settings);
        var servers = new List<ServerProcess> { first };
        for (var i = 1; i < engine.Instances; i++) servers.Add(await ServerProcess.StartAsync(engine, clock, settings, first));
        proxy?.Start(servers.Select(s => new Uri(s.BaseUrl)));
        return new Deployment(servers, proxy);
    }

    /// <summary>
    /// Where visitors send their requests: the proxy (one client whose connections come from many
    /// loopback addresses), or each instance directly. The dev endpoints are not public through the
    /// proxy: scenarios call those on <see cref="Servers"/>.
    /// </summary>
    public List<Visitors> Entrances(int connections = 256) => Proxy is { } proxy
        ? [new Visitors(proxy.CrowdClient(connections))]
        : Servers.Select(s => new Visitors(s.BaseUrl, connections)).ToList();

    public TimeSpan ServerCpu() => Servers.Aggregate(TimeSpan.Zero, (sum, s) => sum + s.ServerCpu());

    /// <summary>The largest peak memory of one instance.</summary>
    public double PeakMemoryMb() => Servers.Max(s => s.PeakMemoryMb());

    public async ValueTask DisposeAsync()
    {
        Proxy?.Dispose();
        // The first instance last: it drops the database and the shared data directory.
        foreach (var server in Servers.Reverse()) await server.DisposeAsync();
    }
}
