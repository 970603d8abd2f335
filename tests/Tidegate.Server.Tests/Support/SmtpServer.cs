using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;

namespace Tidegate.Server.Tests.Support;

/// <summary>
/// A real SMTP server for the tests: Debian's aiosmtpd on a free loopback port, with a small
/// handler (smtp_capture.py) that writes each message it receives as JSON. Stop and start it again
/// on the same port to play a mail server that goes down and comes back.
/// </summary>
public sealed class SmtpServer : IDisposable
{
    private const string Python = "/usr/bin/python3";
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "tidegate-smtp", Guid.NewGuid().ToString("N"));
    private Process? _process;

    public SmtpServer()
    {
        Directory.CreateDirectory(_directory);
        Port = FreePort();
        Start();
    }

    public int Port { get; }

    public static bool Available => File.Exists(Python) &&
        Process.Start(new ProcessStartInfo(Python, "-c \"import aiosmtpd\"") { RedirectStandardError = true })!.WaitForExitAndCode() == 0;

    public void Start()
    {
        var start = new ProcessStartInfo(Python, ["-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{Port}", "-c", "smtp_capture.Capture", _directory])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        start.Environment["PYTHONPATH"] = Path.Combine(AppContext.BaseDirectory, "Support");
        _process = Process.Start(start)!;
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!Accepts())
        {
            if (_process.HasExited || DateTime.UtcNow > deadline) throw new InvalidOperationException("aiosmtpd did not start.");
            Thread.Sleep(50);
        }
    }

    public void Stop()
    {
        if (_process is null) return;
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
        _process.Dispose();
        _process = null;
    }

    public IReadOnlyList<JsonNode> Received() => Directory.GetFiles(_directory, "*.json").Order()
        .Select(f => JsonNode.Parse(File.ReadAllText(f))!).ToList();

    public async Task<IReadOnlyList<JsonNode>> WaitForAsync(int count, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (Received().Count < count && DateTime.UtcNow < deadline) await Task.Delay(100);
        return Received();
    }

    private bool Accepts()
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, Port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public void Dispose()
    {
        Stop();
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }
}

internal static class ProcessExtensions
{
    public static int WaitForExitAndCode(this Process process)
    {
        process.WaitForExit();
        return process.ExitCode;
    }
}
