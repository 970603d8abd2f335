namespace Tidegate.Server.Infrastructure.Network;

/// <summary>
/// What sits between the visitor and the server: trusted proxies' forwarded headers first (so the
/// logs, rate limits and scheme see the real client), HSTS and Secure cookies when the public URL is https.
/// </summary>
public static class NetworkSetup
{
    public static IServiceCollection AddTidegateNetwork(this IServiceCollection services, IConfiguration config)
    {
        TrustedProxies.Options(config); // a malformed entry stops the start with a clear line, not at the first request
        var https = PublicUrl.IsHttps(config);
        services.AddSingleton<PublicUrl>();
        services.AddHsts(o => { o.MaxAge = TimeSpan.FromDays(365); o.IncludeSubDomains = false; });
        // Every cookie (anti-forgery, language, later the member session) gets Secure on an https site.
        services.Configure<CookiePolicyOptions>(o => o.Secure = https ? CookieSecurePolicy.Always : CookieSecurePolicy.None);
        return services;
    }

    /// <summary>First in the pipeline.</summary>
    public static WebApplication UseTidegateNetwork(this WebApplication app)
    {
        if (TrustedProxies.Options(app.Configuration) is { } forwarded) app.UseForwardedHeaders(forwarded);
        // UseHsts answers only requests that arrived over https (directly or per a trusted proxy's X-Forwarded-Proto).
        if (PublicUrl.IsHttps(app.Configuration)) app.UseHsts();
        app.UseCookiePolicy();
        return app;
    }
}
