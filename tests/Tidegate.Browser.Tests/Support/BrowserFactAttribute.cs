namespace Tidegate.Browser.Tests.Support;

/// <summary>
/// A browser test: skipped when Debian's Chromium is not installed, unless TIDEGATE_REQUIRE_BROWSER=1
/// (CI), where a missing browser fails the run instead.
/// </summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        if (!Browsers.Available) Skip = "Chromium is not installed at " + Browsers.ChromiumPath;
    }
}

public sealed class BrowserTheoryAttribute : TheoryAttribute
{
    public BrowserTheoryAttribute()
    {
        if (!Browsers.Available) Skip = "Chromium is not installed at " + Browsers.ChromiumPath;
    }
}
