using System.Text.RegularExpressions;
using Tidegate.Server.Tests.Staff;

namespace Tidegate.Server.Tests.Support;

/// <summary>
/// A browser-like client of the console: it keeps cookies, does not follow redirects (tests read
/// them), and sends each form with the antiforgery token of the page it was last given.
/// </summary>
public sealed partial class ConsoleClient(HttpClient http)
{
    private string? _formToken;

    public HttpClient Http => http;

    /// <summary>GETs a page, expects 200, remembers its form token and answers its HTML.</summary>
    public async Task<string> GetPageAsync(string path)
    {
        var response = await http.GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.OK)
            throw new Xunit.Sdk.XunitException($"GET {path}: {(int)response.StatusCode} {response.Headers.Location} {html[..Math.Min(html.Length, 400)]}");
        Remember(html);
        return html;
    }

    /// <summary>POSTs a form as the browser would (the token of the last page got, or of this path's page).</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string path, IEnumerable<KeyValuePair<string, string>> fields)
    {
        if (_formToken is null) await GetPageAsync(path.Split('?')[0]);
        var all = fields.Append(new("__RequestVerificationToken", _formToken!));
        var response = await http.PostAsync(path, new FormUrlEncodedContent(all));
        if (response.Content.Headers.ContentType?.MediaType == "text/html") Remember(await response.Content.ReadAsStringAsync());
        return response;
    }

    public Task<HttpResponseMessage> PostFormAsync(string path, object fields) =>
        PostFormAsync(path, fields.GetType().GetProperties().Select(p => new KeyValuePair<string, string>(p.Name, p.GetValue(fields)?.ToString() ?? "")));

    private void Remember(string html)
    {
        if (FormToken().Match(html) is { Success: true } match) _formToken = match.Groups[1].Value;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex FormToken();

    /// <summary>A client with cookies that does not follow redirects, not signed in.</summary>
    public static ConsoleClient Anonymous(TestApp app) =>
        new(new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new() })
            { BaseAddress = app.CreateClient().BaseAddress });
}

public static class ConsoleSignIn
{
    /// <summary>
    /// A new staff account of <paramref name="role"/>, ready to work: made by an admin, its set-up
    /// done (an authenticator enrolled for admins and operators), then signed in through the
    /// console's sign-in form like a person.
    /// </summary>
    public static async Task<ConsoleClient> ConsoleAsync(this TestApp app, string role)
    {
        var account = await app.ReadyStaffAsync(role);
        var console = ConsoleClient.Anonymous(app);
        var response = await console.PostFormAsync("/console/sign-in",
            new { Email = account.Email, Password = account.Password, Otp = account.NextCode() ?? "" });
        if (response.StatusCode != HttpStatusCode.Redirect)
            throw new Xunit.Sdk.XunitException($"console sign-in as {role}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        await console.GetPageAsync("/console"); // forms carry a token bound to the person signed in
        return console;
    }
}
