using Microsoft.Playwright;

namespace Tidegate.Browser.Tests.Support;

/// <summary>Debian's Chromium driven by Playwright. Never downloads a browser.</summary>
public sealed class Browsers : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    public static bool Available =>
        File.Exists(ChromiumPath) || Environment.GetEnvironmentVariable("TIDEGATE_REQUIRE_BROWSER") == "1";

    public static readonly (string Name, int Width, int Height) Phone = ("phone", 360, 740);
    public static readonly (string Name, int Width, int Height) Desktop = ("desktop", 1280, 900);

    private IPlaywright? _playwright;
    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (!Available) return;
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync"],
        });
    }

    public async Task<IPage> NewPageAsync(string baseUrl, (string Name, int Width, int Height) size, string locale)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseUrl,
            ViewportSize = new ViewportSize { Width = size.Width, Height = size.Height },
            Locale = locale,
            IsMobile = size.Width < 500,
            HasTouch = size.Width < 500,
        });
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        if (_playwright is null) return;
        await Browser.CloseAsync();
        _playwright.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<Browsers>
{
    public const string Name = "browser";
}
