using Microsoft.Playwright;

namespace Tidegate.Browser.Tests.Support;

/// <summary>
/// Headless Debian Chromium driven by Playwright. Never downloads a browser: without
/// /usr/bin/chromium the tests are skipped, unless TIDEGATE_REQUIRE_BROWSER=1 makes that a failure.
/// Playwright's driver runs on the system's node when the package carries none.
/// </summary>
public static class HeadlessChromium
{
    public const string Chromium = "/usr/bin/chromium";

    public static string? SkipReason =>
        File.Exists(Chromium) || Environment.GetEnvironmentVariable("TIDEGATE_REQUIRE_BROWSER") == "1"
            ? null
            : $"{Chromium} is not installed (apt-get install -y chromium); set TIDEGATE_REQUIRE_BROWSER=1 to fail instead.";

    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        var bundledNode = Path.Combine(AppContext.BaseDirectory, ".playwright", "node", "linux-x64", "node");
        if (!File.Exists(bundledNode) && Environment.GetEnvironmentVariable("PLAYWRIGHT_NODEJS_PATH") is null && File.Exists("/usr/bin/node"))
            Environment.SetEnvironmentVariable("PLAYWRIGHT_NODEJS_PATH", "/usr/bin/node");
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        return (playwright, browser);
    }
}
