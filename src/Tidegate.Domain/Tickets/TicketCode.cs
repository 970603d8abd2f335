using System.Buffers.Binary;

namespace Tidegate.Domain.Tickets;

/// <summary>
/// The binary layout of a ticket code, before base64url:
/// version (1) | key id length (1) | key id (ASCII, 1–8) | booking id (16) | date as days since
/// 2000-01-01 (2) | slot start minute (2) | persons (1) | serial (2) | ECDSA P-256 signature (64, r||s).
/// About 100 bytes, 130 characters: a QR of version 7–8 that phones read easily from a screen.
/// </summary>
public static class TicketCode
{
    public const byte Version = 1;
    public const int SignatureLength = 64;
    public const int MaxKeyIdLength = 8;
    public const int MaxLength = 256;
    private const int ClaimsLength = 16 + 2 + 2 + 1 + 2;
    private static readonly DateOnly Epoch = new(2000, 1, 1);

    /// <summary>The signed part: header and claims.</summary>
    public static byte[] Payload(string keyId, TicketClaims claims)
    {
        if (keyId.Length is 0 or > MaxKeyIdLength || keyId.Any(c => c > 127))
            throw new ArgumentException($"A key id is 1 to {MaxKeyIdLength} ASCII characters.", nameof(keyId));
        var bytes = new byte[2 + keyId.Length + ClaimsLength];
        bytes[0] = Version;
        bytes[1] = (byte)keyId.Length;
        for (var i = 0; i < keyId.Length; i++) bytes[2 + i] = (byte)keyId[i];
        var body = bytes.AsSpan(2 + keyId.Length);
        claims.BookingId.TryWriteBytes(body[..16], bigEndian: true, out _);
        BinaryPrimitives.WriteUInt16BigEndian(body[16..], checked((ushort)(claims.Date.DayNumber - Epoch.DayNumber)));
        BinaryPrimitives.WriteUInt16BigEndian(body[18..], checked((ushort)claims.StartMinute));
        body[20] = checked((byte)claims.Persons);
        BinaryPrimitives.WriteUInt16BigEndian(body[21..], checked((ushort)claims.Serial));
        return bytes;
    }

    public static string Join(byte[] payload, byte[] signature) => Base64Url.Encode([.. payload, .. signature]);

    /// <summary>Splits a code into its key id, claims, signed bytes and signature; null when it is not one.</summary>
    public static Parsed? Parse(string? code)
    {
        if (string.IsNullOrEmpty(code) || code.Length > MaxLength) return null;
        var bytes = Base64Url.Decode(code.Trim());
        if (bytes is null || bytes.Length < 2 || bytes[0] != Version) return null;
        var keyIdLength = bytes[1];
        if (keyIdLength is 0 or > MaxKeyIdLength || bytes.Length != 2 + keyIdLength + ClaimsLength + SignatureLength) return null;
        var keyId = new string(bytes.AsSpan(2, keyIdLength).ToArray().Select(b => (char)b).ToArray());
        var body = bytes.AsSpan(2 + keyIdLength, ClaimsLength);
        var claims = new TicketClaims(
            new Guid(body[..16], bigEndian: true),
            DateOnly.FromDayNumber(Epoch.DayNumber + BinaryPrimitives.ReadUInt16BigEndian(body[16..])),
            BinaryPrimitives.ReadUInt16BigEndian(body[18..]),
            body[20],
            BinaryPrimitives.ReadUInt16BigEndian(body[21..]));
        var signedLength = bytes.Length - SignatureLength;
        return new Parsed(keyId, claims, bytes[..signedLength], bytes[signedLength..]);
    }

    public sealed record Parsed(string KeyId, TicketClaims Claims, byte[] Signed, byte[] Signature);
}
