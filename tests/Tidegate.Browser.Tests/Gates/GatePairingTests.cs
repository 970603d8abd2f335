using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Tidegate.Browser.Tests.Support;

namespace Tidegate.Browser.Tests.Gates;

/// <summary>
/// The gate page pairs with a registered device's token (pasted, or read as a QR with the camera),
/// hides its set-up panel, scans with the device's identity, and goes back to set-up once revoked.
/// </summary>
[Collection(BrowserCollection.Name)]
public class GatePairingTests(Browsers browsers)
{
    private static readonly (string Name, int Width, int Height)[] Sizes = [Browsers.Phone, Browsers.Desktop];

    [BrowserTheory, Engines]
    public async Task The_gate_page_pairs_with_a_registered_device_token_and_scans_until_revoked(string engine)
    {
        using var app = new TestApp(engine);
        var device = await RegisterAsync(app, "East entrance tablet", "east-3");
        var tickets = new List<Gate.Ticket>();
        for (var i = 0; i < 4; i++) tickets.Add(await Gate.ConfirmedTicketAsync(app, adult: 1, child: 0));
        app.Clock.Set(Gate.SlotStart);

        IPage? last = null;
        var n = 0;
        foreach (var size in Sizes)
        foreach (var locale in new[] { "ja-JP", "en-US" })
        {
            var shot = $"gate-pairing-{engine}-{size.Width}-{locale[..2]}";
            var page = last = await browsers.NewPageAsync(app.ClientOptions.BaseAddress.ToString(), size, locale);
            await page.GotoAsync("/gate");
            Assert.True(await page.IsVisibleAsync("#setup"));
            Assert.False(await page.IsVisibleAsync("#scanner"));
            await page.ShotAsync(shot + "-setup");

            await page.FillAsync("#setup-token", (string)device["token"]!);
            await page.PressAsync("#setup-token", "Enter"); // Enter pairs, as the button does
            await page.WaitForSelectorAsync("#mode[data-state=online]");
            Assert.False(await page.IsVisibleAsync("#setup"), "the set-up panel stays on screen after pairing");
            Assert.True(await page.IsVisibleAsync("#scanner"));
            Assert.Equal("east-3", await page.TextContentAsync("#gate-label")); // the device's lane is its gate id
            Assert.Equal("East entrance tablet", await page.TextContentAsync("#device-name"));

            var ticket = tickets[n++];
            await page.FillAsync("#code", ticket.Code);
            await page.PressAsync("#code", "Enter");
            await page.WaitForSelectorAsync("#result[data-result=admitted][data-offline=false]");
            Assert.Equal(1, await Gate.AdmittedPersonsAsync(app, ticket.BookingId));
            // A phone-sized context zooms out to fit a wider page, so the page's width is compared with the screen's.
            var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
            Assert.True(width <= size.Width, $"the gate page is {width} px wide on a {size.Width} px screen");
            await page.ShotAsync(shot + "-admitted");
        }
        await using (var connection = await app.Db.OpenAsync())
            Assert.Equal(4, await Dapper.SqlMapper.ExecuteScalarAsync<long>(connection,
                "SELECT COUNT(*) FROM gate_scans WHERE gate_id = 'east-3' AND result = 'admitted'"));

        // Revoked: the next scan is refused and the page asks to be paired again.
        var operatorClient = await Gate.ClientWithRoleAsync(app, "operator");
        Assert.Equal(HttpStatusCode.NoContent, (await operatorClient.DeleteAsync($"/api/v1/admin/gate-devices/{device["deviceId"]}")).StatusCode);
        var again = await Gate.ConfirmedTicketAsync(app, adult: 1, child: 0);
        await last!.FillAsync("#code", again.Code);
        await last.PressAsync("#code", "Enter");
        await last.WaitForSelectorAsync("#setup:not([hidden])");
        Assert.True(await last.IsVisibleAsync("#setup-error"));
        Assert.Equal(0, await Gate.AdmittedPersonsAsync(app, again.BookingId));
        await last.ShotAsync($"gate-pairing-{engine}-revoked");
    }

    /// <summary>
    /// Linux Chromium has no BarcodeDetector and a headless one no camera: the page is given a
    /// detector that "reads" the device's QR and a blank camera stream, so what is tested is the
    /// page's own path from a read QR to a paired, scanning gate.
    /// </summary>
    [BrowserFact]
    public async Task The_gate_page_pairs_from_the_device_qr_read_with_the_camera()
    {
        using var app = new TestApp("sqlite");
        var device = await RegisterAsync(app, "West tablet", "west-2");
        var ticket = await Gate.ConfirmedTicketAsync(app, adult: 1, child: 0);
        app.Clock.Set(Gate.SlotStart);
        var page = await browsers.NewPageAsync(app.ClientOptions.BaseAddress.ToString(), Browsers.Phone, "ja-JP");
        await page.AddInitScriptAsync("""
            window.__qr = [];
            window.BarcodeDetector = class { async detect() { return window.__qr.length ? [{ rawValue: window.__qr[0] }] : []; } };
            navigator.mediaDevices.getUserMedia = async () => { const c = document.createElement('canvas'); c.getContext('2d').fillRect(0, 0, 1, 1); return c.captureStream(); };
            """);
        await page.GotoAsync("/gate");
        await page.ClickAsync("#setup-camera");

        await page.EvaluateAsync("() => { window.__qr = ['https://example.com/not-a-device']; }");
        await page.WaitForSelectorAsync("#setup-error:not([hidden])");
        await page.EvaluateAsync("token => { window.__qr = [token]; }", (string)device["token"]!);
        await page.WaitForSelectorAsync("#mode[data-state=online]");
        Assert.False(await page.IsVisibleAsync("#setup"));
        Assert.Equal("west-2", await page.TextContentAsync("#gate-label"));

        await page.EvaluateAsync("code => { window.__qr = [code]; }", ticket.Code); // the same camera now reads tickets
        await page.WaitForSelectorAsync("#result[data-result=admitted]");
        Assert.Equal(1, await Gate.AdmittedPersonsAsync(app, ticket.BookingId));
        await page.ShotAsync("gate-pairing-camera-admitted");
    }

    private static async Task<JsonNode> RegisterAsync(TestApp app, string name, string lane)
    {
        var client = app.CreateClient();
        var token = app.Get<Tidegate.Server.Infrastructure.Auth.Tokens>().Issue("operator", "test-operator", TimeSpan.FromDays(400));
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await client.PostJson("/api/v1/admin/gate-devices", new { name, lane }).ExpectJson(HttpStatusCode.Created);
    }
}
