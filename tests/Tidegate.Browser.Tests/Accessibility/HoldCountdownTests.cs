using System.Text.RegularExpressions;
using Tidegate.Browser.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Tidegate.Browser.Tests.Accessibility;

/// <summary>
/// Issue 12, item 7: the hold's countdown ticks every second on screen but is in no live region; a
/// separate polite status tells screen readers the time left only at 5 minutes, 1 minute, 30 seconds
/// and at the end. The page's clock is Playwright's fake one, moved a second at a time.
/// </summary>
[Collection(BrowserCollection.Name)]
public class HoldCountdownTests(Browsers browsers)
{
    [BrowserTheory]
    [InlineData("phone", "ja-JP", "お支払いの期限まであと5分です。", "お支払いの期限まであと1分です。", "お支払いの期限まであと30秒です。", "お支払いの期限が過ぎた")]
    [InlineData("desktop", "en-US", "5 minutes left to pay.", "1 minute left to pay.", "30 seconds left to pay.", "The time to pay has run out")]
    public async Task The_time_left_is_announced_at_a_few_moments_not_every_second(string size, string locale, string five, string one, string thirty, string end)
    {
        using var app = new TestApp("sqlite");
        var page = await browsers.NewPageAsync(app.ClientOptions.BaseAddress.ToString(), size == "phone" ? Browsers.Phone : Browsers.Desktop, locale);
        await page.GotoAsync("/book/2026-12-20/10:30");
        await page.FillAsync("#Name", "Hanako Yamada");
        await page.FillAsync("#Email", $"countdown.{size}@example.com");
        await page.CheckAsync("#AcceptTerms");
        await page.ClickAsync("#submit");
        await page.ArriveAsync(new Regex("/booking/[0-9a-f-]+\\?key="));
        await page.AssertAccessibleAsync("hold"); // before the clock stops: axe itself waits on timers
        // From here the page's clock is Playwright's, stopped, and moved only by the test; the page is
        // loaded again so that its countdown starts on that clock.
        var start = DateTimeOffset.UtcNow;
        await page.Clock.InstallAsync(new() { TimeDate = start.UtcDateTime });
        await page.ReloadAsync();
        await page.Clock.PauseAtAsync(start.AddSeconds(5).UtcDateTime);

        // The ticking clock is outside every live region; the status starts empty.
        Assert.True(await page.EvaluateAsync<bool>(
            "() => document.getElementById('left').closest('[aria-live], [role=status], [role=alert], [role=log], [role=timer]') === null"),
            "the ticking clock is inside a live region, which a screen reader would read out every second");
        Assert.Equal("status", await page.GetAttributeAsync("#left-status", "role"));
        Assert.Equal("", await page.InnerTextAsync("#left-status"));

        // To the end: a watcher (on the same fake clock, four times a second) notes the clock on screen
        // whenever the status changes.
        await page.EvaluateAsync("""
            () => { window.__said = []; setInterval(() => {
              const left = document.getElementById('left').textContent, text = document.getElementById('left-status').textContent;
              const last = window.__said.length ? window.__said[window.__said.length - 1][1] : '';
              if (text !== last) window.__said.push([left, text]);
            }, 250); }
            """);
        var parts0 = (await page.InnerTextAsync("#left")).Split(':');
        var secondsLeft = int.Parse(parts0[0]) * 60 + int.Parse(parts0[1]);
        Assert.InRange(secondsLeft, 540, 600);
        await page.Clock.RunForAsync(secondsLeft * 1000 + 600); // past the end, before the page reloads to ask the server
        var said = (await page.EvaluateAsync<string[][]>("() => window.__said"))
            .Select(e => (Left: int.Parse(e[0].Split(':')[0]) * 60 + int.Parse(e[0].Split(':')[1]), Text: e[1])).ToList();
        await page.ShotAsync($"hold-countdown-{size}-{locale[..2]}-end");

        Assert.Equal([300, 60, 30, 0], said.Select(s => s.Left));
        Assert.Equal(five, said[0].Text);
        Assert.Equal(one, said[1].Text);
        Assert.Equal(thirty, said[2].Text);
        Assert.StartsWith(end, said[3].Text);
    }
}
