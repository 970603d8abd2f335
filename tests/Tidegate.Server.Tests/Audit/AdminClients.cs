using System.Net.Http.Headers;

namespace Tidegate.Server.Tests.Audit;

/// <summary>Staff clients for the admin API, signed in with the dev tools' tokens (POST /api/v1/dev/token).</summary>
public static class AdminClients
{
    public static async Task<HttpClient> AsAsync(TestApp app, string role, string? subject = null)
    {
        var client = app.CreateClient();
        var token = await client.PostJson("/api/v1/dev/token", new { role, subject }).ExpectJson(HttpStatusCode.OK);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (string)token["token"]!);
        return client;
    }

    public static Task<HttpResponseMessage> PutJson(this HttpClient client, string url, object body) =>
        client.PutAsync(url, System.Net.Http.Json.JsonContent.Create(body));
}
