namespace Tidegate.Server.Features.Gates;

/// <summary>
/// The staff gate page (/gate) and its script and style, embedded in the server (Page/*). The page
/// itself holds nothing secret: it pairs with a registered device's token (pasted, or read as a QR
/// with the camera) and keeps it in the device's storage.
/// </summary>
public static class GatePage
{
    private const string Csp = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; " +
                               "media-src 'self' blob:; base-uri 'none'; form-action 'none'";

    private static readonly (string Path, string Resource, string ContentType)[] Files =
    [
        ("/gate", "gate-page.gate.html", "text/html; charset=utf-8"),
        ("/gate/gate.js", "gate-page.gate.js", "text/javascript; charset=utf-8"),
        ("/gate/gate.css", "gate-page.gate.css", "text/css; charset=utf-8"),
    ];

    public static void Map(IEndpointRouteBuilder app)
    {
        foreach (var (path, resource, contentType) in Files)
        {
            var bytes = Read(resource);
            app.MapGet(path, (HttpContext http) =>
            {
                http.Response.Headers.ContentSecurityPolicy = Csp;
                http.Response.Headers.CacheControl = "no-cache";
                // Camera for BarcodeDetector; the document itself stays same-origin only.
                http.Response.Headers["Permissions-Policy"] = "camera=(self)";
                return Results.Bytes(bytes, contentType);
            }).ExcludeFromDescription();
        }
    }

    private static byte[] Read(string resource)
    {
        using var stream = typeof(GatePage).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Missing embedded resource {resource}.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
