using Microsoft.Playwright;

namespace Tidegate.Browser.Tests.Support;

/// <summary>One headless Chromium shared by a collection of tests; each test gets its own context.</summary>
public sealed class Browsers : IAsyncLifetime
{
    public static readonly (string Name, int Width, int Height) Phone = ("phone", 360, 740);
    public static readonly (string Name, int Width, int Height) Tablet = ("tablet", 768, 1024);
    public static readonly (string Name, int Width, int Height) Desktop = ("desktop", 1280, 900);
    /// <summary>The console's sizes: a phone, a tablet at the gate, a desktop.</summary>
    public static readonly (string Name, int Width, int Height)[] ConsoleSizes = [Phone, Tablet, Desktop];

    private IPlaywright? _playwright;
    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (HeadlessChromium.SkipReason is not null) return;
        (_playwright, Browser) = await HeadlessChromium.LaunchAsync();
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
