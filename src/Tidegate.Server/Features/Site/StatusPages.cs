using System.Globalization;
using System.Net;
using Microsoft.Extensions.Localization;

namespace Tidegate.Server.Features.Site;

/// <summary>
/// Empty error responses: problem+json for API clients, and for a person's browser (asking for
/// HTML outside /api) a small page in both languages with a way back home.
/// </summary>
public static class StatusPages
{
    public static WebApplication UseStatusPages(this WebApplication app)
    {
        app.UseStatusCodePages(async context =>
        {
            var http = context.HttpContext;
            var status = http.Response.StatusCode;
            var wantsPage = !http.Request.Path.StartsWithSegments("/api") &&
                            http.Request.Headers.Accept.ToString().Contains("text/html", StringComparison.Ordinal);
            if (!wantsPage)
            {
                var problems = http.RequestServices.GetRequiredService<IProblemDetailsService>();
                await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = { Status = status } });
                return;
            }
            var text = http.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
            var key = status switch { 404 => "Page_NotFound", 403 => "Page_Forbidden", _ => "Page_Error" };
            http.Response.ContentType = "text/html; charset=utf-8";
            await http.Response.WriteAsync($"""
                <!DOCTYPE html><html lang="ja"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
                <title>{status}</title><link rel="stylesheet" href="/css/site.css"></head><body><main>
                <h1>{WebUtility.HtmlEncode(In("ja", text, key))}</h1><p lang="en">{WebUtility.HtmlEncode(In("en", text, key))}</p>
                <p><a class="button" href="/">{WebUtility.HtmlEncode(In("ja", text, "Nav_Book"))} / <span lang="en">{WebUtility.HtmlEncode(In("en", text, "Nav_Book"))}</span></a></p>
                </main></body></html>
                """);
        });
        return app;
    }

    private static string In(string culture, IStringLocalizer text, string key)
    {
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = new CultureInfo(culture);
        try { return text[key]; }
        finally { CultureInfo.CurrentUICulture = previous; }
    }
}
