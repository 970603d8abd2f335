using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Tidegate.Server.Infrastructure.Privacy;

/// <summary>
/// Encrypts personal data at rest (AES-256-GCM, versioned keys: "v{n}:" + base64(nonce|tag|cipher))
/// and derives the keyed lookup hash of a normalised email.
/// </summary>
public sealed class PersonalData(Secrets secrets)
{
    private const int NonceSize = 12;
    private const int TagSize = 16;

    public string Encrypt(string plain)
    {
        var data = Encoding.UTF8.GetBytes(plain);
        var output = new byte[NonceSize + TagSize + data.Length];
        var nonce = output.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(secrets.DataKeys[secrets.ActiveKeyVersion], TagSize);
        aes.Encrypt(nonce, data, output.AsSpan(NonceSize + TagSize), output.AsSpan(NonceSize, TagSize));
        return $"v{secrets.ActiveKeyVersion}:{Convert.ToBase64String(output)}";
    }

    public string Decrypt(string stored)
    {
        var colon = stored.IndexOf(':');
        var version = int.Parse(stored.AsSpan(1, colon - 1), CultureInfo.InvariantCulture);
        var input = Convert.FromBase64String(stored[(colon + 1)..]);
        var plain = new byte[input.Length - NonceSize - TagSize];
        using var aes = new AesGcm(secrets.DataKeys[version], TagSize);
        aes.Decrypt(input.AsSpan(0, NonceSize), input.AsSpan(NonceSize + TagSize), input.AsSpan(NonceSize, TagSize), plain);
        return Encoding.UTF8.GetString(plain);
    }

    public static string NormaliseEmail(string email) => email.Trim().Normalize(NormalizationForm.FormKC).ToLowerInvariant();

    /// <summary>Keyed hash of the normalised email: finds a person's bookings without decrypting anything.</summary>
    public string EmailKey(string email) =>
        "e:" + Convert.ToHexStringLower(HMACSHA256.HashData(secrets.LookupKey, Encoding.UTF8.GetBytes(NormaliseEmail(email))));

    /// <summary>Keyed hash of a client address group (see ClientAddress.GroupOf): counts requests without storing the address.</summary>
    public string AddressKey(string group) =>
        "a:" + Convert.ToHexStringLower(HMACSHA256.HashData(secrets.LookupKey, Encoding.UTF8.GetBytes("address " + group)));
}
