using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Tidegate.Server.Data;
using Tidegate.Server.Features.Payments.Sandbox;
using Tidegate.Server.Infrastructure;

namespace Tidegate.Server.Tests.Support;

/// <summary>
/// A real Tidegate on Kestrel (loopback, random port) over a fresh database of the given engine,
/// with dev tools on and the clock started at <see cref="DefaultStart"/> (the moment the booking
/// window for 2026-12-20 has just opened).
/// </summary>
public sealed class TestApp : WebApplicationFactory<Program>
{
    public static readonly DateTimeOffset DefaultStart = new(2026, 11, 20, 0, 0, 1, TimeSpan.FromHours(9));

    private readonly string _engine;
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "tidegate-tests", Guid.NewGuid().ToString("N"));
    private readonly string? _postgres;
    /// <summary>False for a second instance over another app's database and secrets: that app cleans up.</summary>
    private readonly bool _owner = true;
    private readonly Dictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _services;
    /// <summary>
    /// The clock's start, given to the server as well as set once it listens: jobs that run while it
    /// starts (job leases above all) then never write a wall-clock time that the set clock later
    /// contradicts. A lease written a week ahead by a starting instance was taken from the live holder
    /// while that holder still believed it held it, and the job ran on both.
    /// </summary>
    private readonly DateTimeOffset _start = DefaultStart;

    /// <summary>
    /// No file watchers on appsettings: each watcher is an inotify instance, and the suite's parallel
    /// servers (and the server processes they start, which inherit this) would otherwise reach
    /// Linux's default limit of 128 per user when two suites run at once.
    /// </summary>
    static TestApp() => Environment.SetEnvironmentVariable("DOTNET_hostBuilder__reloadConfigOnChange", "false");

    public TestApp(string engine, IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        _engine = engine;
        _services = services;
        _settings = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>());
        if (engine == "postgres") _postgres = PostgresServer.CreateDatabase();
        UseKestrel(0);
        StartServer();
        Clock.Set(DefaultStart);
    }

    /// <summary>
    /// Another instance of the same deployment: the same PostgreSQL database and the same secrets
    /// (token, data and ticket keys), as instances behind a load balancer would have.
    /// </summary>
    public TestApp(TestApp sameDeployment, IDictionary<string, string?>? settings = null)
    {
        if (sameDeployment._postgres is null) throw new InvalidOperationException("Instances share a database only on PostgreSQL.");
        (_engine, _postgres, _dataDirectory, _owner) = (sameDeployment._engine, sameDeployment._postgres, sameDeployment._dataDirectory, false);
        _start = sameDeployment.Clock.GetUtcNow();
        _settings = new Dictionary<string, string?>(sameDeployment._settings);
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) _settings[key] = value;
        UseKestrel(0);
        StartServer();
        Clock.Set(sameDeployment.Clock.GetUtcNow());
    }

    /// <summary>
    /// The app's own clock, which tests move with Set and Advance. It is kept rather than swapped for a
    /// frozen FakeTimeProvider: the background jobs pace themselves on wall time (PeriodicTimer and
    /// Task.Delay without the TimeProvider; JobLeases' Task.Delay(…, clock) too, as AppClock keeps
    /// the system timers) and only read this clock to decide what is due, so a frozen clock would
    /// not make them tick. Moving their pacing onto the clock is what a FakeTimeProvider needs first.
    /// </summary>
    public AppClock Clock => Services.GetRequiredService<AppClock>();

    public Db Db => Services.GetRequiredService<Db>();

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    /// <summary>
    /// Waits until nothing sent so far is still on its way: every sandbox webhook delivered and answered
    /// (so its write committed), then the write lane's queue empty and its last batch committed.
    /// "Nothing happened" is asserted after this, not after a sleep.
    /// </summary>
    public async Task DrainAsync(TimeSpan? timeout = null)
    {
        var webhooks = Services.GetService<SandboxWebhooks>();
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (webhooks is { InFlight: > 0 })
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{webhooks.InFlight} sandbox webhooks still in flight.");
            await Task.Delay(10);
        }
        // On SQLite the lane's one writer runs its works in order: an empty work returns once everything
        // queued before it has committed. On PostgreSQL each work is its own transaction, committed
        // before its caller (here, the webhook's answer above) goes on.
        await Db.WriteAsync((_, _) => Task.CompletedTask);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Tidegate:DevTools", "true");
        builder.UseSetting("Tidegate:Clock:Start", _start.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Tidegate:DataDirectory", _dataDirectory);
        builder.UseSetting("Tidegate:Holds:SweepSeconds", "1");
        builder.UseSetting("Tidegate:Database:Provider", _engine);
        builder.UseSetting("Tidegate:Database:ConnectionString", _postgres ?? $"Data Source={Path.Combine(_dataDirectory, "tidegate.db")}");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        // The default clock sits in the minutes the waiting room guards by itself, and every test
        // client shares one address: tests opt in to both (Queue and RateLimit tests do).
        builder.UseSetting("Tidegate:Queue:AutoGuard", "false");
        builder.UseSetting("Tidegate:RateLimits:Enabled", "false");
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
        if (_services is not null) builder.ConfigureServices(_services);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (!disposing || !_owner) return;
        if (_postgres is not null) PostgresServer.DropDatabase(_postgres);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dataDirectory, recursive: true); } catch (IOException) { }
    }
}
