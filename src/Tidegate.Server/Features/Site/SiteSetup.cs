using System.Globalization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Localization;
using Tidegate.Server.Infrastructure;
using Tidegate.Server.Infrastructure.DataProtection;

namespace Tidegate.Server.Features.Site;

/// <summary>The visitor site: Razor Pages under Features/, Japanese by default, English by switch or browser language.</summary>
public static class SiteSetup
{
    public static readonly CultureInfo[] Cultures = [new("ja"), new("en")];

    public static IServiceCollection AddSite(this IServiceCollection services, IConfiguration config)
    {
        services.AddLocalization(o => o.ResourcesPath = "Resources");
        services.AddSettings<Legal.LegalOptions>(Legal.LegalOptions.Section);
        // Japanese text as characters, not &#x…; entities: pages stay small and readable.
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
            o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.AddRazorPages(o => o.RootDirectory = "/Features");
        services.AddDataProtection().SetApplicationName("Tidegate").PersistKeysToTidegateDatabase(); // shared by every instance
        services.AddAntiforgery(o => { o.Cookie.Name = "tg-csrf"; o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest; });
        services.Configure<RequestLocalizationOptions>(o =>
        {
            o.DefaultRequestCulture = new RequestCulture(Cultures[0]);
            o.SupportedCultures = Cultures;
            o.SupportedUICultures = Cultures;
            o.FallBackToParentCultures = true;
            o.FallBackToParentUICultures = true;
            // Links in emails carry ?lang=ja|en; it wins over the cookie and the browser's language.
            o.RequestCultureProviders.Insert(0, new QueryStringRequestCultureProvider { QueryStringKey = "lang", UIQueryStringKey = "lang" });
        });
        return services;
    }

    public static WebApplication UseSite(this WebApplication app)
    {
        app.UseRequestLocalization();
        app.UseStaticFiles(new StaticFileOptions
        {
            // Files are referenced with a content hash (asp-append-version), so they can be cached for good.
            OnPrepareResponse = c => c.Context.Response.Headers.CacheControl = "public, max-age=31536000, immutable",
        });
        return app;
    }

    public static WebApplication MapSite(this WebApplication app)
    {
        app.MapRazorPages();
        app.MapGet("/language/{culture}", (string culture, string? returnUrl, HttpContext http) =>
        {
            var chosen = Cultures.FirstOrDefault(c => c.TwoLetterISOLanguageName == culture) ?? Cultures[0];
            http.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(chosen)),
                new CookieOptions { MaxAge = TimeSpan.FromDays(365), HttpOnly = true, SameSite = SameSiteMode.Lax, IsEssential = true });
            return Results.LocalRedirect(ReturnUrls.LocalOrHome(returnUrl));
        }).ExcludeFromDescription();
        return app;
    }
}
