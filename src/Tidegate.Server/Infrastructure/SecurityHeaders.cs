namespace Tidegate.Server.Infrastructure;

/// <summary>Headers every response carries; pages add their own content security policy.</summary>
public sealed class SecurityHeaders(RequestDelegate next)
{
    /// <summary>Pages load only their own files: no inline script or style, no framing, forms post home.</summary>
    public const string PagePolicy =
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; form-action 'self'; " +
        "frame-ancestors 'none'; base-uri 'self'; object-src 'none'";

    public Task InvokeAsync(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        if (!context.Request.Path.StartsWithSegments("/api"))
            headers.ContentSecurityPolicy = PagePolicy;
        return next(context);
    }
}
