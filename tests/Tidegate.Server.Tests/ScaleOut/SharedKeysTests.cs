using System.Text.RegularExpressions;
using System.Xml.Linq;
using Dapper;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Tidegate.Server.Infrastructure.Privacy;

namespace Tidegate.Server.Tests.ScaleOut;

/// <summary>Data-protection keys live in the database, their secrets encrypted with the data key, so any instance reads any form.</summary>
public partial class SharedKeysTests
{
    /// <summary>A client that follows no redirect and keeps no cookies: the test carries the form's cookie itself.</summary>
    private static HttpClient Plain(TestApp app) =>
        new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = app.CreateClient().BaseAddress };

    [PostgresFact]
    public async Task A_booking_form_rendered_by_one_instance_posts_to_another()
    {
        using var first = new TestApp("postgres");
        using var second = new TestApp(first);
        var form = await RenderAsync(Plain(first));

        var posted = await Plain(second).SendAsync(form.Post("hanako@example.com"));
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.StartsWith("/booking/", posted.Headers.Location?.OriginalString);

        // The same post without the form's token is refused: the check above was a real anti-forgery check.
        var forged = await Plain(second).SendAsync(form.Post("other@example.com", token: "forged"));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);

        // And no instance keeps keys on disk.
        var dataDirectory = first.Services.GetRequiredService<IConfiguration>()["Tidegate:DataDirectory"]!;
        Assert.Empty(Directory.GetFiles(dataDirectory, "*.xml", SearchOption.AllDirectories));
        Assert.False(Directory.Exists(Path.Combine(dataDirectory, "keys")));
    }

    [PostgresFact]
    public async Task Instances_starting_together_on_an_empty_key_ring_create_one_key_and_read_each_others_forms()
    {
        using var owner = new TestApp("postgres");
        await using (var connection = await owner.Db.OpenAsync())
            await connection.ExecuteAsync("DELETE FROM data_protection_keys"); // as on a new deployment's first start
        var apps = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(() => new TestApp(owner))));
        try
        {
            await using (var connection = await owner.Db.OpenAsync())
                Assert.Equal(1, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM data_protection_keys"));
            var (a, b) = (apps[0], apps[1]);
            var fromA = await Plain(b).SendAsync((await RenderAsync(Plain(a))).Post("a@example.com"));
            var fromB = await Plain(a).SendAsync((await RenderAsync(Plain(b))).Post("b@example.com"));
            Assert.Equal(HttpStatusCode.Redirect, fromA.StatusCode);
            Assert.Equal(HttpStatusCode.Redirect, fromB.StatusCode);
        }
        finally
        {
            foreach (var app in apps) app.Dispose();
        }
    }

    [Theory, Engines]
    public async Task Stored_keys_hold_their_secret_only_encrypted_with_the_data_key(string engine)
    {
        using var app = new TestApp(engine);
        await RenderAsync(Plain(app));

        await using var connection = await app.Db.OpenAsync();
        var rows = (await connection.QueryAsync<string>("SELECT xml FROM data_protection_keys")).ToList();
        Assert.NotEmpty(rows);
        foreach (var row in rows)
        {
            var key = XElement.Parse(row);
            Assert.Empty(key.Descendants("masterKey")); // the framework's plaintext form of the secret
            Assert.DoesNotContain("unencrypted", row, StringComparison.OrdinalIgnoreCase);
            var sealedValue = key.Descendants("dataKeyEncrypted").Single().Element("value")!.Value;
            Assert.StartsWith("v1:", sealedValue);
            // What the data key opens is the key's secret, which appears nowhere in the row.
            var masterKey = XElement.Parse(app.Get<PersonalData>().Decrypt(sealedValue));
            Assert.Equal("masterKey", masterKey.Name.LocalName);
            var secret = masterKey.Element("value")!.Value;
            Assert.True(secret.Length >= 40, "the secret is a real key");
            Assert.DoesNotContain(secret, row);
        }
    }

    private static async Task<Form> RenderAsync(HttpClient client)
    {
        var page = await client.GetAsync("/book/2026-12-20/10:30");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        var cookie = page.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("tg-csrf=")).Split(';')[0];
        return new Form(cookie, Input(html, "__RequestVerificationToken"), Input(html, "IdempotencyKey"));
    }

    private static string Input(string html, string name) =>
        WebUtility.HtmlDecode(InputPattern().Matches(html).Single(m => m.Groups["name"].Value == name).Groups["value"].Value);

    [GeneratedRegex("""<input[^>]*name="(?<name>[^"]+)"[^>]*value="(?<value>[^"]*)"|<input[^>]*value="(?<value>[^"]*)"[^>]*name="(?<name>[^"]+)""")]
    private static partial Regex InputPattern();

    private sealed record Form(string Cookie, string Token, string IdempotencyKey)
    {
        public HttpRequestMessage Post(string email, string? token = null)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/book/2026-12-20/10:30")
            {
                Content = new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["__RequestVerificationToken"] = token ?? Token, ["IdempotencyKey"] = IdempotencyKey + email,
                    ["Adult"] = "1", ["Child"] = "0", ["Infant"] = "0", ["Toddler"] = "0", ["Name"] = "Hanako Yamada", ["Email"] = email,
                    ["AcceptTerms"] = "true",
                }),
            };
            request.Headers.Add("Cookie", Cookie);
            return request;
        }
    }
}
