using OtpNet;
using QRCoder;
using Tidegate.Domain.Staff;

namespace Tidegate.Server.Features.Staff;

/// <summary>The TOTP arithmetic (Otp.NET: HMAC-SHA1, 6 digits, 30 s) and the enrolment QR; which step counts is <see cref="TotpWindow"/>.</summary>
public static class OtpCodes
{
    public const string Issuer = "Tidegate";

    public static string NewSecret() => Base32Encoding.ToString(KeyGeneration.GenerateRandomKey(20));

    public static Func<long, string> CodeOfStep(string base32Secret)
    {
        var totp = new Totp(Base32Encoding.ToBytes(base32Secret), step: TotpWindow.StepSeconds);
        return step => totp.ComputeTotp(DateTimeOffset.FromUnixTimeSeconds(step * TotpWindow.StepSeconds).UtcDateTime);
    }

    /// <summary>The code an authenticator app shows at <paramref name="at"/> (tests and the demo use it).</summary>
    public static string CodeAt(string base32Secret, DateTimeOffset at) => CodeOfStep(base32Secret)(TotpWindow.StepAt(at));

    public static string Uri(string base32Secret, string account) =>
        $"otpauth://totp/{System.Uri.EscapeDataString(Issuer)}:{System.Uri.EscapeDataString(account)}" +
        $"?secret={base32Secret}&issuer={System.Uri.EscapeDataString(Issuer)}&algorithm=SHA1&digits=6&period={TotpWindow.StepSeconds}";

    public static string QrSvg(string uri)
    {
        using var data = QRCodeGenerator.GenerateQrCode(uri, QRCodeGenerator.ECCLevel.M);
        return new SvgQRCode(data).GetGraphic(4);
    }
}
