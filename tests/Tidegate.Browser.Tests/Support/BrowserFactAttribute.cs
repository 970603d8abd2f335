namespace Tidegate.Browser.Tests.Support;

/// <summary>
/// A browser test: skipped when Debian's Chromium is not installed, unless TIDEGATE_REQUIRE_BROWSER=1
/// (CI), where a missing browser fails the run instead.
/// </summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        if (HeadlessChromium.SkipReason is { } reason) Skip = reason;
    }
}

public sealed class BrowserTheoryAttribute : TheoryAttribute
{
    public BrowserTheoryAttribute()
    {
        if (HeadlessChromium.SkipReason is { } reason) Skip = reason;
    }
}
