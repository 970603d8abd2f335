using System.Security.Cryptography;
using Tidegate.Domain.Tickets;

namespace Tidegate.Server.Features.Tickets;

/// <summary>A public ticket key as published: key id, SubjectPublicKeyInfo (base64) and the same as a JWK, for WebCrypto.</summary>
public sealed record PublicKeyView(string KeyId, string Algorithm, string Spki, PublicKeyView.JwkView Jwk, bool Active)
{
    public sealed record JwkView(string Kty, string Crv, string X, string Y);
}

public static class PublicKeys
{
    public static IReadOnlyList<PublicKeyView> Of(TicketKeys keys) => keys.KeyIds.Select(id =>
    {
        var spki = keys.PublicKey(id);
        using var key = ECDsa.Create();
        key.ImportSubjectPublicKeyInfo(spki, out _);
        var point = key.ExportParameters(false).Q;
        return new PublicKeyView(id, "ES256", Convert.ToBase64String(spki),
            new PublicKeyView.JwkView("EC", "P-256", Base64Url.Encode(point.X), Base64Url.Encode(point.Y)), id == keys.ActiveKeyId);
    }).ToList();
}
