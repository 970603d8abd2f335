using Microsoft.Playwright;

namespace Tidegate.Browser.Tests.Support;

public static class Fits
{
    /// <summary>
    /// Nothing scrolls sideways: the page is no wider than its window, nor than the screen (a phone-sized
    /// context zooms out to fit a wider page, which would widen the window with it).
    /// </summary>
    public static async Task AssertFitsAsync(this IPage page, (string Name, int Width, int Height) size)
    {
        Assert.True(await page.FitsWidthAsync(), $"{page.Url} scrolls sideways at {size.Width} px");
        var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(width <= size.Width, $"{page.Url} is {width} px wide on a {size.Width} px screen");
    }
}
