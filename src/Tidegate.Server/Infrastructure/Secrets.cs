using System.Security.Cryptography;

namespace Tidegate.Server.Infrastructure;

/// <summary>
/// Keys the server needs, only ever from configuration or the environment (Tidegate:Secrets:*).
/// Outside Production, missing keys are generated once into data/dev-secrets.json (owner-only) so a
/// fresh clone runs with no set-up; that file is never committed (data/ is ignored). In Production
/// the file is never read or written: ProductionGuard refuses to start without the keys.
/// </summary>
public sealed class Secrets
{
    /// <summary>Encryption keys for personal data by version; new data uses <see cref="ActiveKeyVersion"/>.</summary>
    public required IReadOnlyDictionary<int, byte[]> DataKeys { get; init; }
    public required int ActiveKeyVersion { get; init; }
    /// <summary>Key of the HMAC over normalised emails (lookup without decrypting).</summary>
    public required byte[] LookupKey { get; init; }
    /// <summary>Key that signs bearer tokens and booking access keys.</summary>
    public required byte[] TokenKey { get; init; }

    public static Secrets Load(IConfiguration config, IHostEnvironment environment, string dataDirectory, ILogger logger)
    {
        var section = config.GetSection("Tidegate:Secrets");
        var dev = DevSecrets(section, environment, dataDirectory, logger);
        var keys = section.GetSection("DataKeys").GetChildren()
            .ToDictionary(k => int.Parse(k.Key), k => Convert.FromBase64String(k.Value!));
        if (keys.Count == 0) keys[1] = Convert.FromBase64String(dev!["dataKey1"]);
        return new Secrets
        {
            DataKeys = keys,
            ActiveKeyVersion = section.GetValue<int?>("ActiveDataKey") ?? keys.Keys.Max(),
            LookupKey = Convert.FromBase64String(section["LookupKey"] ?? dev!["lookupKey"]),
            TokenKey = Convert.FromBase64String(section["TokenKey"] ?? dev!["tokenKey"]),
        };
    }

    private static Dictionary<string, string>? DevSecrets(IConfigurationSection section, IHostEnvironment environment, string dataDirectory, ILogger logger)
    {
        var complete = section.GetSection("DataKeys").GetChildren().Any() && section["LookupKey"] is not null && section["TokenKey"] is not null;
        if (complete) return null;
        return DevKeyFile.ReadOrCreate(environment, Path.Combine(dataDirectory, "dev-secrets.json"),
            () => new Dictionary<string, string> { ["dataKey1"] = NewKey(), ["lookupKey"] = NewKey(), ["tokenKey"] = NewKey() },
            logger, "No secrets configured: generated development keys. Configure Tidegate:Secrets in production.");
    }

    private static string NewKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
}
