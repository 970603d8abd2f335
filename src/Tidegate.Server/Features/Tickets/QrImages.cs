using QRCoder;

namespace Tidegate.Server.Features.Tickets;

/// <summary>QR images of a ticket code. Error correction M keeps a ~130-character code at version 8, easy to scan from a screen.</summary>
public static class QrImages
{
    public static byte[] Png(string code, int pixelsPerModule = 10)
    {
        using var data = QRCodeGenerator.GenerateQrCode(code, QRCodeGenerator.ECCLevel.M);
        return new PngByteQRCode(data).GetGraphic(pixelsPerModule);
    }

    public static string Svg(string code, int pixelsPerModule = 10)
    {
        using var data = QRCodeGenerator.GenerateQrCode(code, QRCodeGenerator.ECCLevel.M);
        return new SvgQRCode(data).GetGraphic(pixelsPerModule);
    }
}
