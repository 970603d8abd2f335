using Tidegate.Browser.Tests.Support;

namespace Tidegate.Browser.Tests.Devices;

/// <summary>
/// The console's device page in Chromium: an admin registers a device, sees its token and QR, pairs the
/// gate page with that token, and revokes the device.
/// </summary>
[Collection(BrowserCollection.Name)]
public class ConsoleDevicesPageTests(Browsers browsers)
{
    [BrowserTheory]
    [InlineData("ja-JP", "端末", "失効済み")]
    [InlineData("en-US", "Devices", "Revoked")]
    public async Task An_admin_registers_a_device_sees_its_qr_pairs_the_gate_page_and_revokes_it(string locale, string heading, string revoked)
    {
        using var app = new TestApp("sqlite");
        var n = 0;
        foreach (var size in Browsers.ConsoleSizes)
        {
            var page = await browsers.NewPageAsync(app.ClientOptions.BaseAddress.ToString(), size, locale);
            await page.SignInToConsoleAsync(app, "admin");
            await page.GotoAsync("/console/devices");
            Assert.Equal(heading, await page.InnerTextAsync("h1"));

            var name = $"East tablet {++n}";
            await page.FillAsync("#new-name", name);
            await page.FillAsync("#new-lane", $"east-{n}");
            await page.SelectOptionAsync("#new-kind", "gate");
            await page.ClickAsync("form[action*=Register] button[type=submit]");
            await page.WaitForSelectorAsync("#device-qr");
            // The QR really shows (the CSP lets a data: image in) and is a square of a readable size.
            var natural = await page.EvaluateAsync<int[]>(
                "() => { const i = document.getElementById('device-qr'); return [i.naturalWidth, i.naturalHeight]; }");
            Assert.True(natural[0] > 100 && natural[0] == natural[1], $"QR {natural[0]}×{natural[1]}");
            var token = (await page.InnerTextAsync("#device-token")).Trim();
            Assert.StartsWith("tgd1.", token);
            await page.AssertFitsAsync(size);
            await page.ShotAsync($"console-devices-registered-{locale}-{size.Width}");

            if (size == Browsers.Tablet)
            {
                // The gate page pairs with the token as shown.
                var gate = await page.Context.NewPageAsync();
                await gate.GotoAsync("/gate");
                await gate.FillAsync("#setup-token", token);
                await gate.PressAsync("#setup-token", "Enter");
                await gate.WaitForSelectorAsync("#mode[data-state=online]");
                Assert.Equal($"east-{n}", await gate.TextContentAsync("#gate-label"));
                await gate.CloseAsync();
            }

            await page.GotoAsync("/console/devices");
            await page.AssertFitsAsync(size);
            await page.ShotAsync($"console-devices-{locale}-{size.Width}");
            page.Dialog += async (_, dialog) => await dialog.AcceptAsync();
            await page.Locator("tr", new() { HasText = name }).Locator("form[action*=Revoke] button").ClickAsync();
            await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("revoked="));
            Assert.Contains(revoked, await page.Locator("tr", new() { HasText = name }).InnerTextAsync());
            var device = app.CreateClient();
            device.DefaultRequestHeaders.Authorization = new("Bearer", token);
            await device.GetAsync("/api/v1/gate/device").ExpectProblem(HttpStatusCode.Unauthorized, "unauthorized");
            await page.ShotAsync($"console-devices-revoked-{locale}-{size.Width}");
            await page.Context.CloseAsync();
        }
    }
}
