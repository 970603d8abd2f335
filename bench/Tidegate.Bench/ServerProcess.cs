using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Tidegate.Bench;

/// <summary>
/// A Tidegate started for one scenario: the built Release server as a child process, on a free
/// loopback port, a fresh temp data directory (SQLite) or a fresh PostgreSQL database, dev tools on.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private Process _process;
    private readonly ProcessStartInfo _info;
    private readonly bool _owner;
    public string DataDirectory { get; }
    /// <summary>The PostgreSQL connection string the server was given (null on SQLite).</summary>
    public string? ConnectionString { get; private init; }
    public string BaseUrl { get; }
    public Engine Engine { get; }
    public int Pid => _process.Id;

    private ServerProcess(ProcessStartInfo info, string dataDirectory, string baseUrl, Engine engine, bool owner) =>
        (_info, _process, DataDirectory, BaseUrl, Engine, _owner) = (info, Launch(info), dataDirectory, baseUrl, engine, owner);

    /// <param name="sameDeployment">Another instance whose database and data directory (secrets, keys) this one shares.</param>
    public static async Task<ServerProcess> StartAsync(Engine engine, DateTimeOffset clock, IDictionary<string, string> settings,
        ServerProcess? sameDeployment = null)
    {
        var dll = Path.Combine(Repo.Root, "src/Tidegate.Server/bin/Release/net10.0/Tidegate.Server.dll");
        if (!File.Exists(dll)) throw new InvalidOperationException($"Build the server first: dotnet build -c Release ({dll} is missing).");
        var port = FreePort();
        var data = sameDeployment?.DataDirectory ?? Path.Combine(Path.GetTempPath(), "tidegate-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(data);
        var info = new ProcessStartInfo("dotnet", [dll, "--urls", $"http://127.0.0.1:{port}"])
        {
            WorkingDirectory = data, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        var env = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Bench", // Production refuses the sandbox and dev tools the bench needs
            ["Tidegate__DevTools"] = "true",
            ["Tidegate__DataDirectory"] = data,
            ["Tidegate__Clock__Start"] = clock.ToString("O"),
            ["Tidegate__Database__Synchronous"] = "FULL",
            ["Tidegate__RateLimits__Enabled"] = "false", // thousands of simulated visitors share one address
            ["Logging__LogLevel__Default"] = "Error",
            ["DOTNET_gcServer"] = "1",
        };
        if (engine.Postgres is { } admin)
        {
            env["Tidegate__Database__Provider"] = "postgres";
            env["Tidegate__Database__ConnectionString"] = sameDeployment?.ConnectionString ?? engine.CreateDatabase(admin);
        }
        foreach (var (k, v) in settings) env[k] = v;
        foreach (var (k, v) in env) info.Environment[k] = v;
        var server = new ServerProcess(info, data, $"http://127.0.0.1:{port}", engine, sameDeployment is null)
        {
            ConnectionString = env.GetValueOrDefault("Tidegate__Database__ConnectionString"),
        };
        await server.WaitReadyAsync();
        return server;
    }

    private static Process Launch(ProcessStartInfo info)
    {
        var process = Process.Start(info)!;
        // The server logs JSON to stdout (errors only, see Logging__LogLevel__Default); TIDEGATE_BENCH_SERVER_LOG=1 shows them.
        var show = Environment.GetEnvironmentVariable("TIDEGATE_BENCH_SERVER_LOG") == "1";
        process.OutputDataReceived += (_, e) => { if (show && e.Data is { Length: > 0 } line) Console.Error.WriteLine("  server log: " + line); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is { Length: > 0 } line) Console.Error.WriteLine("  server: " + line); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>SIGKILL (Process.Kill on Unix): no shutdown hooks, no flush, in-flight requests cut off.</summary>
    public async Task KillAsync()
    {
        _process.Kill();
        await _process.WaitForExitAsync();
    }

    /// <summary>
    /// Starts the server again after a kill: same port, data directory, database and settings; its
    /// clock starts at <paramref name="clock"/> (the dev clock does not survive a restart).
    /// </summary>
    public async Task RestartAsync(DateTimeOffset clock)
    {
        if (!_process.HasExited) throw new InvalidOperationException("The server is still running.");
        _process.Dispose();
        _info.Environment["Tidegate__Clock__Start"] = clock.ToString("O");
        _process = Launch(_info);
        await WaitReadyAsync();
    }

    private async Task WaitReadyAsync()
    {
        using var http = new HttpClient { BaseAddress = new Uri(BaseUrl) };
        for (var i = 0; i < 300; i++)
        {
            if (_process.HasExited) throw new InvalidOperationException("The server exited at start.");
            try
            {
                if ((await http.GetAsync("/health/ready")).IsSuccessStatusCode) return;
            }
            catch (HttpRequestException) { }
            await Task.Delay(100);
        }
        throw new TimeoutException("The server did not become ready.");
    }

    /// <summary>Peak resident memory of the server (VmHWM), in MB.</summary>
    public double PeakMemoryMb()
    {
        foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024.0;
        return double.NaN;
    }

    public TimeSpan ServerCpu() { _process.Refresh(); return _process.TotalProcessorTime; }

    public string SqlitePath => Path.Combine(DataDirectory, "tidegate.db");

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        if (!_owner) return;
        Engine.DropDatabases();
        try { Directory.Delete(DataDirectory, recursive: true); } catch (IOException) { }
    }
}

public static class Repo
{
    public static string Root { get; } = Find();

    private static string Find()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Tidegate.slnx"))) dir = dir.Parent;
        return dir?.FullName ?? Directory.GetCurrentDirectory();
    }
}
