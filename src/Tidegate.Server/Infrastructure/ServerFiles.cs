namespace Tidegate.Server.Infrastructure;

/// <summary>
/// Where the server's own files are (appsettings.json, wwwroot): beside Tidegate.Server.dll, not in
/// whatever folder it was started from. The working directory is the operator's: it holds data/
/// (Tidegate:DataDirectory is relative to it), never our settings, so a server started from
/// /var/lib/tidegate or a test's temp folder still reads its appsettings.json and serves its CSS.
/// An explicit --contentRoot or ASPNETCORE_CONTENTROOT (the test host sets one) still wins.
/// </summary>
public static class ServerFiles
{
    public static WebApplicationOptions Options(string[] args) => new()
    {
        Args = args,
        ContentRootPath = ContentRootGiven(args) ? null : AppContext.BaseDirectory,
    };

    /// <summary>
    /// A build output (not a publish) has no wwwroot of its own: serve the project's files through
    /// the static web assets manifest the build writes, as Development does by itself.
    /// </summary>
    public static WebApplicationBuilder UseOwnStaticFiles(this WebApplicationBuilder builder)
    {
        var manifest = Path.Combine(AppContext.BaseDirectory, $"{builder.Environment.ApplicationName}.staticwebassets.runtime.json");
        if (!builder.Environment.IsDevelopment() && !Directory.Exists(builder.Environment.WebRootPath) && File.Exists(manifest))
            builder.WebHost.UseStaticWebAssets();
        return builder;
    }

    private static bool ContentRootGiven(string[] args) =>
        args.Any(a => a.Contains("contentroot", StringComparison.OrdinalIgnoreCase))
        || Environment.GetEnvironmentVariable("ASPNETCORE_CONTENTROOT") is { Length: > 0 }
        || Environment.GetEnvironmentVariable("DOTNET_CONTENTROOT") is { Length: > 0 };
}
