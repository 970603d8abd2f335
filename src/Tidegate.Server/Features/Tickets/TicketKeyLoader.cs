using Tidegate.Domain.Tickets;
using Tidegate.Server.Infrastructure;

namespace Tidegate.Server.Features.Tickets;

/// <summary>
/// Ticket signing keys from configuration: Tidegate:Tickets:ActiveKeyId and, per key id,
/// Tidegate:Tickets:Keys:{id}:PrivateKey (PKCS#8, base64; the active key) or :PublicKey
/// (SubjectPublicKeyInfo, base64; retired keys that still verify). Without any, a development key
/// is generated once into data/ticket-keys.json (owner-only, never in Production), like Infrastructure/Secrets does.
/// </summary>
public static class TicketKeyLoader
{
    public static TicketKeys Load(IConfiguration config, IHostEnvironment environment, string dataDirectory, ILogger logger)
    {
        var section = config.GetSection("Tidegate:Tickets");
        var keys = section.GetSection("Keys").GetChildren().ToList();
        if (keys.Count == 0) return Development(environment, dataDirectory, logger);

        var publicKeys = new Dictionary<string, byte[]>();
        byte[]? activePrivate = null;
        var active = section["ActiveKeyId"] ?? keys[^1].Key;
        foreach (var key in keys)
        {
            var privateKey = key["PrivateKey"] is { Length: > 0 } p ? Convert.FromBase64String(p) : null;
            publicKeys[key.Key] = key["PublicKey"] is { Length: > 0 } pub ? Convert.FromBase64String(pub)
                : privateKey is not null ? PublicOf(privateKey)
                : throw new InvalidOperationException($"Tidegate:Tickets:Keys:{key.Key} needs a PrivateKey or a PublicKey.");
            if (key.Key == active) activePrivate = privateKey;
        }
        return new TicketKeys(active, activePrivate, publicKeys);
    }

    private static TicketKeys Development(IHostEnvironment environment, string dataDirectory, ILogger logger)
    {
        var stored = DevKeyFile.ReadOrCreate(environment, Path.Combine(dataDirectory, "ticket-keys.json"), () =>
            new Dictionary<string, string> { ["keyId"] = "dev1", ["privateKey"] = Convert.ToBase64String(TicketKeys.NewKeyPair().PrivateKey) },
            logger, "No ticket keys configured: generated a development key. Configure Tidegate:Tickets in production.");
        var key = Convert.FromBase64String(stored["privateKey"]);
        return new TicketKeys(stored["keyId"], key, new Dictionary<string, byte[]> { [stored["keyId"]] = PublicOf(key) });
    }

    private static byte[] PublicOf(byte[] pkcs8)
    {
        using var key = System.Security.Cryptography.ECDsa.Create();
        key.ImportPkcs8PrivateKey(pkcs8, out _);
        return key.ExportSubjectPublicKeyInfo();
    }
}
