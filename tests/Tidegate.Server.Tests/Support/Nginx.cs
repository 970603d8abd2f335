using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Tidegate.Server.Tests.Support;

/// <summary>
/// Debian's nginx as a child process (not a daemon; its own prefix, pid, logs, temp and cache
/// folders) running the shipped deploy/nginx/tidegate.conf in front of the given instances. Only
/// what a machine-specific install would change is substituted: the listen ports (loopback), the
/// certificate (a fresh self-signed one for tickets.example.jp), the cache and log paths, and the
/// instance list (tidegate/upstreams.conf). Each substitution must match, so a changed shipped
/// file fails here instead of silently testing something else.
/// </summary>
public sealed class Nginx : IDisposable
{
    public const string Binary = "/usr/sbin/nginx";
    public const string Host = "tickets.example.jp";
    public static bool Available => File.Exists(Binary);

    private readonly Process _process;
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "tidegate-nginx", Guid.NewGuid().ToString("N"));
    private readonly X509Certificate2 _certificate;

    public int HttpsPort { get; }
    public int HttpPort { get; }
    public string AccessLog => Path.Combine(_directory, "access.log");
    /// <summary>The public URL through the proxy (Tidegate:PublicUrl of the instances behind it).</summary>
    public string PublicUrl => $"https://{Host}:{HttpsPort}";

    /// <summary>Ports are chosen at once (the instances need the public URL before they start); nginx starts with <see cref="Start"/>.</summary>
    public Nginx()
    {
        HttpsPort = FreePort();
        HttpPort = FreePort();
        _certificate = SelfSigned();
        _process = new Process();
    }

    public void Start(IEnumerable<Uri> instances)
    {
        foreach (var sub in new[] { "cache", "tmp", "tidegate" }) Directory.CreateDirectory(Path.Combine(_directory, sub));
        if (OperatingSystem.IsLinux()) // workers may run as another user when the tests run as root
            foreach (var sub in new[] { "cache", "tmp" }) File.SetUnixFileMode(Path.Combine(_directory, sub), (UnixFileMode)0b111_111_111);
        File.WriteAllText(Path.Combine(_directory, "fullchain.pem"), _certificate.ExportCertificatePem());
        File.WriteAllText(Path.Combine(_directory, "privkey.pem"), _certificate.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem());

        var shipped = File.ReadAllText(Path.Combine(RepoRoot, "deploy/nginx/tidegate.conf"));
        foreach (var (from, to) in new[]
        {
            ("listen 80;", $"listen 127.0.0.1:{HttpPort};"), ("listen [::]:80;", ""),
            ("listen 443 ssl http2;", $"listen 127.0.0.1:{HttpsPort} ssl http2;"), ("listen [::]:443 ssl http2;", ""),
            ("/etc/ssl/tidegate/fullchain.pem", Path.Combine(_directory, "fullchain.pem")),
            ("/etc/ssl/tidegate/privkey.pem", Path.Combine(_directory, "privkey.pem")),
            ("/var/cache/nginx/tidegate", Path.Combine(_directory, "cache")),
            ("/var/log/nginx/tidegate.access.log", AccessLog),
        })
        {
            if (!shipped.Contains(from)) throw new InvalidOperationException($"deploy/nginx/tidegate.conf no longer contains '{from}'");
            shipped = shipped.Replace(from, to);
        }
        File.WriteAllText(Path.Combine(_directory, "tidegate.conf"), shipped);
        File.WriteAllLines(Path.Combine(_directory, "tidegate/upstreams.conf"),
            instances.Select(u => $"server 127.0.0.1:{u.Port} max_fails=3 fail_timeout=10s;"));
        // The main file is Debian's /etc/nginx/nginx.conf in essence, with this folder for everything it writes.
        var tmp = Path.Combine(_directory, "tmp");
        File.WriteAllText(Path.Combine(_directory, "nginx.conf"), $$"""
            daemon off;
            worker_processes 2;
            pid {{_directory}}/nginx.pid;
            error_log {{_directory}}/error.log warn;
            events { worker_connections 2048; }
            http {
                include /etc/nginx/mime.types;
                default_type application/octet-stream;
                sendfile on;
                tcp_nopush on;
                server_tokens off;
                client_body_temp_path {{tmp}}/body;
                proxy_temp_path {{tmp}}/proxy;
                fastcgi_temp_path {{tmp}}/fastcgi;
                uwsgi_temp_path {{tmp}}/uwsgi;
                scgi_temp_path {{tmp}}/scgi;
                access_log off;
                include tidegate.conf;
            }
            """);

        _process.StartInfo = new ProcessStartInfo(Binary, ["-p", _directory, "-c", Path.Combine(_directory, "nginx.conf"), "-e", Path.Combine(_directory, "error.log")])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!Accepts(HttpsPort))
        {
            if (_process.HasExited || DateTime.UtcNow > deadline)
                throw new InvalidOperationException("nginx did not start: " + File.ReadAllText(Path.Combine(_directory, "error.log")));
            Thread.Sleep(50);
        }
    }

    /// <summary>
    /// A client of the public site as a visitor at <paramref name="from"/> (any 127.x.y.z: the whole
    /// 127/8 is loopback on Linux): HTTPS and HTTP/2 to tickets.example.jp, connected to this nginx,
    /// trusting only this test's certificate. Redirects are shown, not followed.
    /// </summary>
    public HttpClient Client(IPAddress? from = null)
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false, UseCookies = false, AutomaticDecompression = DecompressionMethods.None,
            ConnectCallback = async (_, ct) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    if (from is not null) socket.Bind(new IPEndPoint(from, 0));
                    await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, HttpsPort), ct);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch { socket.Dispose(); throw; }
            },
            SslOptions = { RemoteCertificateValidationCallback = (_, cert, _, _) => cert is not null && cert.GetCertHashString() == _certificate.Thumbprint },
        };
        return new HttpClient(new Http2Only { InnerHandler = handler })
        {
            BaseAddress = new Uri(PublicUrl), DefaultRequestVersion = HttpVersion.Version20,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact, Timeout = TimeSpan.FromSeconds(60),
        };
    }

    /// <summary>
    /// Many visitors at once (the bench's load): up to <paramref name="connections"/> HTTP/1.1
    /// connections over TLS, each from the next loopback address (127.0.10.1, 127.0.10.2, …), so
    /// the proxy's per-address flood guard sees a crowd, not one machine.
    /// </summary>
    public HttpClient CrowdClient(int connections)
    {
        var next = -1;
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = connections, PooledConnectionLifetime = TimeSpan.FromMinutes(10), UseCookies = false,
            AllowAutoRedirect = false, AutomaticDecompression = DecompressionMethods.None,
            ConnectCallback = async (_, ct) =>
            {
                var n = Interlocked.Increment(ref next);
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(new IPAddress([127, 0, (byte)(10 + n / 250 % 200), (byte)(1 + n % 250)]), 0));
                    await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, HttpsPort), ct);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch { socket.Dispose(); throw; }
            },
            SslOptions = { RemoteCertificateValidationCallback = (_, cert, _, _) => cert is not null && cert.GetCertHashString() == _certificate.Thumbprint },
        };
        return new HttpClient(handler) { BaseAddress = new Uri(PublicUrl), Timeout = TimeSpan.FromSeconds(120) };
    }

    /// <summary>Every request over the one HTTP/2 connection (a request message otherwise defaults to HTTP/1.1, on another connection).</summary>
    private sealed class Http2Only : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            request.Version = HttpVersion.Version20;
            request.VersionPolicy = HttpVersionPolicy.RequestVersionExact;
            return base.SendAsync(request, ct);
        }
    }

    /// <summary>The access log's lines (nginx writes each as its request completes).</summary>
    public string[] LogLines() => File.Exists(AccessLog) ? File.ReadAllLines(AccessLog) : [];

    private static X509Certificate2 SelfSigned()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={Host}", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(Host);
        request.CertificateExtensions.Add(names.Build());
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
    }

    private static bool Accepts(int port)
    {
        using var client = new TcpClient();
        try { client.Connect(IPAddress.Loopback, port); return true; } catch (SocketException) { return false; }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string RepoRoot
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Tidegate.slnx"))) dir = dir.Parent;
            return dir?.FullName ?? throw new InvalidOperationException("repository root not found");
        }
    }

    public void Dispose()
    {
        try
        {
            if (_process.StartInfo.FileName.Length > 0 && !_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException) { } // never started
        _process.Dispose();
        _certificate.Dispose();
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
