using System.ComponentModel.DataAnnotations;

namespace Tidegate.Server.Infrastructure;

/// <summary>Tidegate:DevTools: the demo's dev endpoints and pages (never in production: ProductionGuard refuses it).</summary>
public sealed class DevToolsOptions
{
    public const string Section = "Tidegate";

    public bool DevTools { get; set; }
}

/// <summary>Tidegate:Server: requests served at once before the rest are answered 503 at the door.</summary>
public sealed class ServerOptions
{
    public const string Section = "Tidegate:Server";

    [Range(1, int.MaxValue)] public int MaxInFlight { get; set; } = 4096;
}
