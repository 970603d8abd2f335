namespace Tidegate.Server.Features.Site;

/// <summary>
/// Where the language switch may send the visitor back to: a path on this site, or the home page.
/// Browsers drop tabs and newlines and read '\' as '/', so "/\t/evil.example" or "/\/evil" would
/// leave the site: any control character or backslash, "//" or an absolute URL means home. Our own
/// paths are printable ASCII (anything else arrives percent-encoded); a raw non-ASCII character
/// cannot even go in a Location header.
/// </summary>
public static class ReturnUrls
{
    public static string LocalOrHome(string? returnUrl) =>
        returnUrl is { Length: > 0 and <= 2048 } url && url[0] == '/' && (url.Length == 1 || url[1] != '/')
        && !url.Contains('\\') && url.All(c => c is > ' ' and <= '~')
            ? url
            : "/";
}
