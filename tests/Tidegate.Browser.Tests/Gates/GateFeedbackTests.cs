using Dapper;
using Microsoft.Playwright;
using Tidegate.Browser.Tests.Support;

namespace Tidegate.Browser.Tests.Gates;

/// <summary>
/// What staff see and hear at the gate (issue 12): consecutive admits look different, each result
/// has its own sound and vibration, refusals say the ticket's date or the entry window, a booking
/// number admits when the QR will not read, and the exit button counts persons leaving. At 360 and
/// 1280 px, with the browser in Japanese and English (the page itself says both).
/// </summary>
[Collection(BrowserCollection.Name)]
public class GateFeedbackTests(Browsers browsers)
{
    private static readonly (string Name, int Width, int Height)[] Sizes = [Browsers.Phone, Browsers.Desktop];

    /// <summary>Records what the page asks of the vibration motor and the speaker.</summary>
    private const string Recorder = """
        window.__vibrations = []; window.__tones = [];
        navigator.vibrate = (p) => { window.__vibrations.push(JSON.stringify(p)); return true; };
        const start = OscillatorNode.prototype.start;
        OscillatorNode.prototype.start = function (...a) { window.__tones.push(this.frequency.value); return start.apply(this, a); };
        """;

    [BrowserTheory, Engines]
    public async Task Consecutive_admits_differ_each_result_sounds_its_own_and_refusals_say_why(string engine)
    {
        using var app = new TestApp(engine);
        var token = app.Get<Tidegate.Server.Infrastructure.Auth.Tokens>().Issue("gate", "east-1", TimeSpan.FromDays(400));
        var runs = new List<(Gate.Ticket A, Gate.Ticket B, Gate.Ticket OtherDay, Gate.Ticket Late, Gate.Ticket ByNumber)>();
        for (var i = 0; i < 4; i++)
            runs.Add((await Gate.ConfirmedTicketAsync(app, start: "11:30", adult: 1, child: 0), await Gate.ConfirmedTicketAsync(app, start: "11:30", adult: 2, child: 0),
                await Gate.ConfirmedTicketAsync(app, date: "2026-12-19", start: "11:30", adult: 1, child: 0),
                await Gate.ConfirmedTicketAsync(app, start: "10:00", adult: 1, child: 0), await Gate.ConfirmedTicketAsync(app, start: "11:30", adult: 1, child: 1)));
        app.Clock.Set(Gate.SlotStart.AddHours(1)); // 11:30: the 10:00 slot's window (09:45–10:45) has passed

        var n = 0;
        foreach (var size in Sizes)
        foreach (var locale in new[] { "ja-JP", "en-US" })
        {
            var (a, b, otherDay, late, byNumber) = runs[n++];
            var shot = $"gate-feedback-{engine}-{size.Width}-{locale[..2]}";
            var page = await browsers.NewPageAsync(app.ClientOptions.BaseAddress.ToString(), size, locale);
            await page.AddInitScriptAsync(Recorder);
            await page.GotoAsync("/gate");
            await page.FillAsync("#setup-gate", "east-1");
            await page.FillAsync("#setup-token", token);
            await page.PressAsync("#setup-token", "Enter");
            await page.WaitForSelectorAsync("#mode[data-state=online]");
            Assert.False(await page.IsVisibleAsync("#setup"));

            // Two admits in a row: the running number and the shade change, so staff see the second one happen.
            await ScanAsync(page, a.Code);
            await page.WaitForSelectorAsync("#result[data-result=admitted][data-seq='1']");
            var firstSeq = await page.TextContentAsync("#seq");
            var firstBackground = await page.EvaluateAsync<string>("() => getComputedStyle(document.getElementById('result')).backgroundColor");
            await page.ShotAsync(shot + "-1-admitted");
            await ScanAsync(page, b.Code);
            await page.WaitForSelectorAsync("#result[data-result=admitted][data-seq='2']");
            Assert.NotEqual(firstSeq, await page.TextContentAsync("#seq"));
            Assert.NotEqual(firstBackground, await page.EvaluateAsync<string>("() => getComputedStyle(document.getElementById('result')).backgroundColor"));
            Assert.Equal("3", await page.TextContentAsync("#admits"));
            await page.ShotAsync(shot + "-2-admitted-again");

            await ScanAsync(page, a.Code);
            await page.WaitForSelectorAsync("#result[data-reason=already_used]");
            await ScanAsync(page, otherDay.Code);
            await page.WaitForSelectorAsync("#result[data-reason=wrong_date]");
            Assert.Contains("2026-12-19", await page.TextContentAsync("#reason")); // the ticket's own date
            await page.ShotAsync(shot + "-3-wrong-date");
            await ScanAsync(page, late.Code);
            await page.WaitForSelectorAsync("#result[data-reason=too_late]");
            Assert.Contains("09:45–10:45", await page.TextContentAsync("#reason")); // the entry window it had

            var vibrations = await page.EvaluateAsync<string[]>("() => window.__vibrations");
            var tones = await page.EvaluateAsync<double[]>("() => window.__tones");
            Assert.Equal(5, vibrations.Length);
            Assert.Equal(vibrations[0], vibrations[1]); // admitted, admitted
            Assert.NotEqual(vibrations[0], vibrations[2]); // admitted vs already used
            Assert.NotEqual(vibrations[2], vibrations[3]); // already used vs another refusal
            Assert.Contains(1320d, tones);
            Assert.Contains(220d, tones);

            // The QR will not read: the booking number admits, by the same rules on the server.
            await page.FillAsync("#manual-number", byNumber.BookingId);
            await page.PressAsync("#manual-number", "Enter");
            await page.WaitForSelectorAsync("#result[data-result=admitted][data-admitted='2']");
            Assert.Equal(2, await Gate.AdmittedPersonsAsync(app, byNumber.BookingId));
            await page.FillAsync("#manual-number", Guid.CreateVersion7().ToString());
            await page.PressAsync("#manual-number", "Enter");
            await page.WaitForSelectorAsync("#result[data-reason=notFound]");

            await page.ClickAsync("#exit");
            await page.ClickAsync("#exit");
            await page.WaitForSelectorAsync("#exits[data-sent='2']");
            Assert.Equal("2", await page.TextContentAsync("#exits"));
            Assert.True(await page.FitsWidthAsync(), $"the gate page scrolls sideways at {size.Width} px");
            var ok = await page.Locator("#scan-form button[type=submit]").BoundingBoxAsync();
            Assert.True(ok!.X + ok.Width <= size.Width, "the OK button is cut off");
            await page.ShotAsync(shot + "-4-manual-and-exits");
            await page.Context.CloseAsync();
        }
        await using var connection = await app.Db.OpenAsync();
        Assert.Equal(8, await connection.ExecuteScalarAsync<long>("SELECT COALESCE(SUM(persons), 0) FROM gate_exits"));
    }

    private static async Task ScanAsync(IPage page, string code)
    {
        await page.FillAsync("#code", code);
        await page.PressAsync("#code", "Enter");
    }
}
