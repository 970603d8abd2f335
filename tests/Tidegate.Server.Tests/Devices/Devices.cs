using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace Tidegate.Server.Tests.Devices;

/// <summary>Helpers for device tests: register a device as an operator, and a client holding a device's token.</summary>
public static class Devices
{
    public const string Path = "/api/v1/admin/gate-devices";

    public static async Task<JsonNode> RegisterAsync(TestApp app, string name = "east-1", string? lane = "east-1", string? kind = null)
    {
        var operatorClient = await Gate.ClientWithRoleAsync(app, "operator");
        return await operatorClient.PostJson(Path, new { name, lane, kind }).ExpectJson(HttpStatusCode.Created);
    }

    public static HttpClient ClientWithToken(TestApp app, string token)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public static async Task<JsonNode?> ListedAsync(TestApp app, string deviceId)
    {
        var operatorClient = await Gate.ClientWithRoleAsync(app, "operator");
        var list = await operatorClient.GetAsync(Path).ExpectJson(HttpStatusCode.OK);
        return list["items"]!.AsArray().SingleOrDefault(d => (string?)d!["deviceId"] == deviceId);
    }
}
