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

    /// <summary>
    /// Waits for the page to reach <paramref name="url"/>; if it never does, fails with where the page
    /// stands and what it shows (and a screenshot), so a timeout says what went wrong.
    /// </summary>
    public static async Task ArriveAsync(this IPage page, System.Text.RegularExpressions.Regex url, float timeout = 30000)
    {
        try
        {
            await page.WaitForURLAsync(url, new() { Timeout = timeout });
        }
        catch (TimeoutException e)
        {
            await page.ShotAsync("timeout-" + Guid.NewGuid().ToString("N")[..8]);
            var text = await page.InnerTextAsync("body", new() { Timeout = 2000 }).ContinueWith(t => t.IsCompletedSuccessfully ? t.Result : "(unreadable)");
            throw new TimeoutException($"never reached {url} in {timeout} ms; the page is at {page.Url} and shows: {text[..Math.Min(text.Length, 600)]}", e);
        }
    }

    /// <summary>True when nothing on the page is wider than the window (no horizontal scrolling).</summary>
    public static async Task<bool> FitsWidthAsync(this IPage page) =>
        await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth");
}
