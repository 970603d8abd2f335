using System.Security.Cryptography;

namespace Tidegate.Server.Infrastructure;

/// <summary>
/// In Production the server refuses to be the demo: it does not start without configured secrets,
/// with the sandbox card provider, with the dev tools on, without a public URL or without SMTP. It
/// checks before anything touches the disk or the database, and says everything missing in one line.
/// </summary>
public static class ProductionGuard
{
    /// <summary>EX_CONFIG from sysexits.h: a configuration error, not worth restarting for.</summary>
    public const int ExitCode = 78;

    /// <summary>True (and the exit code set) when the server must not start; the caller then returns.</summary>
    public static bool Refuses(WebApplicationBuilder builder)
    {
        if (!builder.Environment.IsProduction()) return false;
        var missing = Missing(builder.Configuration);
        if (missing.Count == 0) return false;
        Refuse(ExitCode, "Refusing to start in Production: {Missing}", string.Join("; ", missing));
        return true;
    }

    /// <summary>One critical JSON log line (the production log format), before the host and its logging exist.</summary>
    internal static void Refuse(int exitCode, string message, params object?[] args)
    {
        using (var logging = LoggerFactory.Create(b => b.AddJsonConsole(o => { o.TimestampFormat = "O"; o.UseUtcTimestamp = true; })))
#pragma warning disable CA2254 // the templates are constants of this class and DataFolder
            logging.CreateLogger("Tidegate.Start").LogCritical(message, args);
#pragma warning restore CA2254
        Environment.ExitCode = exitCode;
    }

    public static List<string> Missing(IConfiguration config)
    {
        var missing = new List<string>();
        var secrets = config.GetSection("Tidegate:Secrets");
        var dataKeys = secrets.GetSection("DataKeys").GetChildren().ToList();
        if (dataKeys.Count == 0 || dataKeys.Any(k => !int.TryParse(k.Key, out _) || Bytes(k.Value) is not { Length: 32 }))
            missing.Add("Tidegate:Secrets:DataKeys:<version> (base64 of 32 random bytes)");
        foreach (var name in new[] { "LookupKey", "TokenKey" })
            if (Bytes(secrets[name]) is not { Length: >= 32 }) missing.Add($"Tidegate:Secrets:{name} (base64 of at least 32 random bytes)");
        if (!HasTicketSigningKey(config.GetSection("Tidegate:Tickets")))
            missing.Add("Tidegate:Tickets:Keys:<id>:PrivateKey (the active ticket signing key, PKCS#8 base64)");

        var provider = (config["Tidegate:Payments:Provider"] ?? "sandbox").ToLowerInvariant();
        if (provider != "stripe")
            missing.Add($"Tidegate:Payments:Provider is {provider} (the sandbox sells free tickets): set stripe");
        else
            foreach (var name in new[] { "BaseUrl", "ApiKey", "WebhookSecret" })
                if (string.IsNullOrWhiteSpace(config[$"Tidegate:Payments:Stripe:{name}"])) missing.Add($"Tidegate:Payments:Stripe:{name}");
        if (config.GetValue<bool>("Tidegate:DevTools")) missing.Add("Tidegate:DevTools is on: set it to false");
        if (!Uri.TryCreate(config["Tidegate:PublicUrl"], UriKind.Absolute, out var url) || url.Scheme is not ("https" or "http"))
            missing.Add("Tidegate:PublicUrl (the site's absolute http(s) address)");
        if (string.IsNullOrWhiteSpace(config["Tidegate:Mail:Host"]))
            missing.Add("Tidegate:Mail:Host (SMTP, no .eml pickup folder in production)");
        return missing;
    }

    private static bool HasTicketSigningKey(IConfigurationSection tickets)
    {
        var keys = tickets.GetSection("Keys").GetChildren().ToList();
        if (keys.Count == 0) return false;
        var active = keys.FirstOrDefault(k => k.Key == (tickets["ActiveKeyId"] ?? keys[^1].Key));
        if (Bytes(active?["PrivateKey"]) is not { } pkcs8) return false;
        try
        {
            using var key = ECDsa.Create();
            key.ImportPkcs8PrivateKey(pkcs8, out _);
            return true;
        }
        catch (CryptographicException) { return false; }
    }

    private static byte[]? Bytes(string? base64)
    {
        if (string.IsNullOrWhiteSpace(base64)) return null;
        var buffer = new byte[base64.Length];
        return Convert.TryFromBase64String(base64, buffer, out var length) ? buffer[..length] : null;
    }
}
