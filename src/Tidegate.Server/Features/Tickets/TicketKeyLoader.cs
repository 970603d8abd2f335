using System.Text.Json;
using Tidegate.Domain.Tickets;

namespace Tidegate.Server.Features.Tickets;

/// <summary>
/// Ticket signing keys from configuration: Tidegate:Tickets:ActiveKeyId and, per key id,
/// Tidegate:Tickets:Keys:{id}:PrivateKey (PKCS#8, base64; the active key) or :PublicKey
/// (SubjectPublicKeyInfo, base64; retired keys that still verify). Without any, a development key
/// is generated once into data/ticket-keys.json, like Infrastructure/Secrets does.
/// </summary>
public static class TicketKeyLoader
{
    public static TicketKeys Load(IConfiguration config, string dataDirectory, ILogger logger)
    {
        var section = config.GetSection("Tidegate:Tickets");
        var keys = section.GetSection("Keys").GetChildren().ToList();
        if (keys.Count == 0) return Development(dataDirectory, logger);

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

    private static TicketKeys Development(string dataDirectory, ILogger logger)
    {
        var path = Path.Combine(dataDirectory, "ticket-keys.json");
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(dataDirectory);
            var (privateKey, _) = TicketKeys.NewKeyPair();
            var generated = new Dictionary<string, string> { ["keyId"] = "dev1", ["privateKey"] = Convert.ToBase64String(privateKey) };
            File.WriteAllText(path, JsonSerializer.Serialize(generated));
            logger.LogWarning("No ticket keys configured: generated a development key in {Path}. Configure Tidegate:Tickets in production.", path);
        }
        var stored = JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(path))!;
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
