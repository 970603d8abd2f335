using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Tidegate.Server.Infrastructure.Network;

/// <summary>
/// The site's public base URL (Tidegate:PublicUrl, e.g. https://tickets.example.jp): every link in
/// an email and the payment provider's return URL start with it, never with the request's Host
/// (which anyone can set). Not configured (Development, tests), it is the address the server
/// actually listens on (http://localhost:5080 for the README's command), so links still work.
/// </summary>
public sealed partial class PublicUrl(IConfiguration config, IServer server)
{
    public const string Key = "Tidegate:PublicUrl";
    private string? _base;

    /// <summary>The base URL without a trailing slash.</summary>
    public string Base => _base ?? (Configured(config) is { } uri ? _base = uri.AbsoluteUri.TrimEnd('/') : Listening());

    public static Uri? Configured(IConfiguration config)
    {
        if (config[Key] is not { Length: > 0 } value) return null;
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.Query.Length > 0)
            throw new InvalidOperationException($"{Key} must be an absolute http(s) URL without a query, such as https://tickets.example.jp.");
        return uri;
    }

    /// <summary>HTTPS public URL: HSTS and Secure cookies. Plain http (the demo): neither.</summary>
    public static bool IsHttps(IConfiguration config) => Configured(config)?.Scheme == Uri.UriSchemeHttps;

    private string Listening()
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        if (addresses.FirstOrDefault() is not { } address) return "http://localhost:5080"; // not started yet: not cached
        _base = Wildcard().Replace(address, "//localhost").TrimEnd('/');
        return _base;
    }

    /// <summary>Listening on every interface (http://+:80, http://[::]:80, http://0.0.0.0:80): a browser here reaches it as localhost.</summary>
    [GeneratedRegex(@"//(\+|\*|0\.0\.0\.0|\[::\])(?=[:/]|$)")]
    private static partial Regex Wildcard();
}
