using System.Text;
using System.Text.RegularExpressions;
using Tidegate.Server.Features.Devices;
using Tidegate.Server.Tests.Staff;

namespace Tidegate.Server.Tests.Devices;

/// <summary>/console/devices (operator, admin): register with the token shown once as text and QR, revoke, each audited.</summary>
public partial class ConsoleDevicesTests
{
    private const string PagePath = "/console/devices";

    [GeneratedRegex("id=\"device-token\">([^<]+)</code>")]
    private static partial Regex Token();

    [GeneratedRegex("id=\"device-qr\" src=\"([^\"]+)\"")]
    private static partial Regex Qr();

    [Theory, Engines]
    public async Task Operators_and_admins_open_the_device_page_analysts_do_not(string engine)
    {
        using var app = new TestApp(engine);
        await ConsoleAccess.ExpectAsync(app, PagePath, allowed: ["operator", "admin"], refused: ["analyst"]);
        var analyst = await app.ConsoleAsync("analyst");
        var post = await analyst.PostFormAsync(PagePath + "?handler=Register", new Dictionary<string, string> { ["Input.Name"] = "east-1" });
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        Assert.Empty(await ConsoleAccess.AuditAsync(app, "device.registered"));
    }

    [Theory, Engines]
    public async Task An_operator_registers_a_device_sees_its_token_and_qr_once_and_revokes_it(string engine)
    {
        using var app = new TestApp(engine);
        var me = await app.ReadyStaffAsync("operator");
        var console = await ConsoleAccess.SignInAsync(app, me);

        var registered = await console.PostFormAsync(PagePath + "?handler=Register",
            new Dictionary<string, string> { ["Input.Name"] = "東口タブレット", ["Input.Lane"] = "east-1", ["Input.Kind"] = "gate" });

        Assert.Equal(HttpStatusCode.OK, registered.StatusCode);
        Assert.True(registered.Headers.CacheControl?.NoStore);
        var html = await registered.Content.ReadAsStringAsync();
        var token = Token().Match(html).Groups[1].Value;
        Assert.StartsWith("tgd1.", token); // what the gate page's pairing reads
        var src = System.Net.WebUtility.HtmlDecode(Qr().Match(html).Groups[1].Value);
        Assert.StartsWith("data:image/svg+xml;base64,", src); // an image the CSP allows (img-src data:)
        var svg = Encoding.UTF8.GetString(Convert.FromBase64String(src["data:image/svg+xml;base64,".Length..]));
        Assert.Equal(RegisterDevice.QrSvg(token), svg); // the QR of exactly the token
        var device = Devices.ClientWithToken(app, token);
        var me2 = await device.GetAsync("/api/v1/gate/device").ExpectJson(HttpStatusCode.OK);
        Assert.Equal(("東口タブレット", "east-1", "gate"), ((string)me2["name"]!, (string)me2["lane"]!, (string)me2["kind"]!));
        var id = (string)me2["deviceId"]!;
        var list = await console.GetPageAsync(PagePath);
        Assert.DoesNotContain(token, list);
        Assert.Contains($"data-device=\"{id}\"", list);
        Assert.Equal(me.StaffId, (string)Assert.Single(await ConsoleAccess.AuditAsync(app, "device.registered"))["actor"]!);

        var revoked = await console.PostFormAsync($"{PagePath}?handler=Revoke&deviceId={id}", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);
        await device.GetAsync("/api/v1/gate/device").ExpectProblem(HttpStatusCode.Unauthorized, "unauthorized"); // refused at once
        Assert.Contains("を失効させました", await console.GetPageAsync(revoked.Headers.Location!.OriginalString));
        var entry = Assert.Single(await ConsoleAccess.AuditAsync(app, "device.revoked"));
        Assert.Equal((me.StaffId, id), ((string)entry["actor"]!, (string)entry["target"]!));
    }

    [Theory, Engines]
    public async Task A_refused_registration_says_why_and_keeps_the_input(string engine)
    {
        using var app = new TestApp(engine);
        var console = await app.ConsoleAsync("admin");
        var refused = await console.PostFormAsync(PagePath + "?handler=Register",
            new Dictionary<string, string> { ["Input.Name"] = new string('x', 101), ["Input.Lane"] = "west-2", ["Input.Kind"] = "shop" });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var html = await refused.Content.ReadAsStringAsync();
        Assert.Contains("role=\"alert\">端末名を100文字以内で入力してください。", html);
        Assert.Contains("value=\"west-2\"", html);
        Assert.Contains("<option value=\"shop\" selected=\"selected\">", html);
        Assert.DoesNotMatch(Token(), html);
        var missing = await console.PostFormAsync($"{PagePath}?handler=Revoke&deviceId=no-such-device", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }
}
