using Microsoft.Playwright;

namespace Tidegate.Browser.Tests.Support;

/// <summary>Screenshots of each step, kept as test artifacts under TestResults/screenshots.</summary>
public static class Screens
{
    public static readonly string Folder = Path.Combine(
        Environment.GetEnvironmentVariable("TIDEGATE_ARTIFACTS") ?? Path.Combine(AppContext.BaseDirectory, "TestResults"), "screenshots");

    public static async Task ShotAsync(this IPage page, string name)
    {
        Directory.CreateDirectory(Folder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Folder, name + ".png"), FullPage = true });
    }

    /// <summary>True when nothing on the page is wider than the window (no horizontal scrolling).</summary>
    public static async Task<bool> FitsWidthAsync(this IPage page) =>
        await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth");
}
