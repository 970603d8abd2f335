namespace Tidegate.Server.Features.Site;

/// <summary>Short browser caching for pages that show public data; they vary by the visitor's language.</summary>
public static class PageCache
{
    public static void Briefly(HttpResponse response, int seconds = 5)
    {
        response.Headers.CacheControl = $"private, max-age={seconds}";
        response.Headers.Vary = "Accept-Language, Cookie";
    }
}
