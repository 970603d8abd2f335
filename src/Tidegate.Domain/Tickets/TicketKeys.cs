using System.Security.Cryptography;

namespace Tidegate.Domain.Tickets;

/// <summary>
/// The ticket signing keys: one active key signs new codes; every known public key (the active one
/// and retired ones, by key id) verifies, so keys rotate without invalidating issued tickets.
/// Crypto objects are not documented thread-safe, so each thread gets its own instances.
/// </summary>
public sealed class TicketKeys
{
    private readonly ThreadLocal<ECDsa>? _signer;
    private readonly Dictionary<string, ThreadLocal<ECDsa>> _verifiers;
    private readonly Dictionary<string, byte[]> _publicKeys;

    /// <param name="privateKey">PKCS#8 of the active key; null on a verify-only node.</param>
    /// <param name="publicKeys">SubjectPublicKeyInfo by key id; must include the active key.</param>
    public TicketKeys(string activeKeyId, byte[]? privateKey, IReadOnlyDictionary<string, byte[]> publicKeys)
    {
        if (!publicKeys.ContainsKey(activeKeyId)) throw new ArgumentException("The active key must also verify.", nameof(publicKeys));
        ActiveKeyId = activeKeyId;
        _publicKeys = publicKeys.ToDictionary();
        if (privateKey is not null) _signer = new ThreadLocal<ECDsa>(() => Import(k => k.ImportPkcs8PrivateKey(privateKey, out _)));
        _verifiers = publicKeys.ToDictionary(p => p.Key, p => new ThreadLocal<ECDsa>(() => Import(k => k.ImportSubjectPublicKeyInfo(p.Value, out _))));
        foreach (var (keyId, _) in _verifiers) Verifier(keyId); // fail at start on a malformed key
    }

    public string ActiveKeyId { get; }

    public IEnumerable<string> KeyIds => _publicKeys.Keys;

    /// <summary>The public key of a key id as SubjectPublicKeyInfo (what WebCrypto imports as "spki").</summary>
    public byte[] PublicKey(string keyId) => _publicKeys[keyId];

    public string Sign(TicketClaims claims)
    {
        if (_signer is null) throw new InvalidOperationException("This node has no ticket signing key.");
        var payload = TicketCode.Payload(ActiveKeyId, claims);
        return TicketCode.Join(payload, _signer.Value!.SignData(payload, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));
    }

    /// <summary>The claims of a genuine code; null for garbage, a truncated or altered code, or an unknown key.</summary>
    public TicketClaims? Verify(string? code)
    {
        if (TicketCode.Parse(code) is not { } parsed || !_verifiers.ContainsKey(parsed.KeyId)) return null;
        return Verifier(parsed.KeyId).VerifyData(parsed.Signed, parsed.Signature, HashAlgorithmName.SHA256,
            DSASignatureFormat.IeeeP1363FixedFieldConcatenation) ? parsed.Claims : null;
    }

    private ECDsa Verifier(string keyId) => _verifiers[keyId].Value!;

    private static ECDsa Import(Action<ECDsa> import)
    {
        var key = ECDsa.Create();
        import(key);
        if (key.KeySize != 256) throw new CryptographicException("Ticket keys must be ECDSA P-256.");
        return key;
    }

    /// <summary>A fresh P-256 key pair as (PKCS#8, SubjectPublicKeyInfo), for development and tests.</summary>
    public static (byte[] PrivateKey, byte[] PublicKey) NewKeyPair()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return (key.ExportPkcs8PrivateKey(), key.ExportSubjectPublicKeyInfo());
    }

    public static TicketKeys Generate(string keyId = "k1")
    {
        var (privateKey, publicKey) = NewKeyPair();
        return new TicketKeys(keyId, privateKey, new Dictionary<string, byte[]> { [keyId] = publicKey });
    }
}
