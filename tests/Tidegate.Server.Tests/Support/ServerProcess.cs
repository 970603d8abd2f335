using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Sockets;

namespace Tidegate.Server.Tests.Support;

/// <summary>
/// The real server as an operator starts it: `dotnet Tidegate.Server.dll` (the build output beside
/// the tests) in its own process, from a fresh temp folder, configured by environment variables.
/// Every line it prints is kept; disposing kills it and removes the folder.
/// </summary>
public sealed class ServerProcess : IDisposable
{
    private readonly Process _process;
    public ConcurrentQueue<string> Lines { get; } = new();
    public string WorkingDirectory { get; }
    public string BaseUrl { get; }

    /// <param name="command">A command of the executable (`staff create …`, `migrate`, `audit verify`) instead of serving; its folder is kept for the next process.</param>
    /// <param name="standardInput">Written to the process's standard input, which is then closed.</param>
    public ServerProcess(IDictionary<string, string?> environment, string? workingDirectory = null,
        IReadOnlyList<string>? command = null, string? standardInput = null)
    {
        WorkingDirectory = workingDirectory ?? Path.Combine(Path.GetTempPath(), "tidegate-process", Guid.NewGuid().ToString("N"));
        _keepFolder = command is not null;
        Directory.CreateDirectory(WorkingDirectory);
        BaseUrl = $"http://127.0.0.1:{FreePort()}";
        var info = new ProcessStartInfo("dotnet", [typeof(Program).Assembly.Location, .. command ?? ["--urls", BaseUrl]])
        {
            WorkingDirectory = WorkingDirectory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            RedirectStandardInput = standardInput is not null,
        };
        foreach (var name in new[] { "ASPNETCORE_ENVIRONMENT", "DOTNET_ENVIRONMENT", "ASPNETCORE_CONTENTROOT", "ASPNETCORE_URLS" })
            info.Environment.Remove(name);
        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("Tidegate__", StringComparison.OrdinalIgnoreCase)).ToList())
            info.Environment.Remove(key);
        foreach (var (key, value) in environment) info.Environment[key] = value;
        _process = Process.Start(info)!;
        _process.OutputDataReceived += (_, e) => { if (e.Data is { Length: > 0 } line) Lines.Enqueue(line); };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is { Length: > 0 } line) Lines.Enqueue(line); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        if (standardInput is null) return;
        _process.StandardInput.Write(standardInput);
        _process.StandardInput.Close();
    }

    private readonly bool _keepFolder;

    /// <summary>The exit code, once the process has exited and its output is read to the end.</summary>
    public async Task<int> ExitCodeAsync(int timeoutSeconds = 30)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(timeoutSeconds));
        await _process.WaitForExitAsync(timeout.Token);
        return _process.ExitCode;
    }

    /// <summary>Polls until the path answers (or the process exits, or the time runs out).</summary>
    public async Task<HttpResponseMessage> WaitForAsync(string path, int timeoutSeconds = 60)
    {
        using var http = new HttpClient { BaseAddress = new Uri(BaseUrl), Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        while (true)
        {
            if (_process.HasExited) throw new InvalidOperationException($"The server exited ({_process.ExitCode}):\n{string.Join("\n", Lines)}");
            try { return await http.GetAsync(path); }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline) { await Task.Delay(100); }
        }
    }

    public HttpClient Client() => new() { BaseAddress = new Uri(BaseUrl), Timeout = TimeSpan.FromSeconds(10) };

    private static int FreePort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
        _process.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (_keepFolder) return;
        try { Directory.Delete(WorkingDirectory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
