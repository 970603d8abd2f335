using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Tidegate.Server.Tests.Support;

/// <summary>Small helpers over HttpClient for the contract's JSON and problem bodies.</summary>
public static class Api
{
    public static object Guest(string date = "2026-12-20", string start = "10:30", int adult = 2, int child = 0,
        string email = "hanako@example.com", string name = "Hanako Yamada") =>
        new { date, start, tickets = new { adult, child, infant = 0, toddler = 0 }, email, name };

    public static async Task<JsonNode> Json(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return JsonNode.Parse(text) ?? throw new InvalidOperationException("empty body");
    }

    public static async Task<JsonNode> ExpectJson(this HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {(int)status}, got {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!;
    }

    /// <summary>Asserts a problem+json answer with the given status and contract code.</summary>
    public static async Task<JsonNode> ExpectProblem(this HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var body = await response.ExpectJson(status);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(code, (string?)body["code"]);
        Assert.False(string.IsNullOrWhiteSpace((string?)body["detail"]), "a problem needs a human detail");
        return body;
    }

    public static async Task<JsonNode> Json(this Task<HttpResponseMessage> response) => await (await response).Json();

    public static async Task<JsonNode> ExpectJson(this Task<HttpResponseMessage> response, HttpStatusCode status) =>
        await (await response).ExpectJson(status);

    public static async Task<JsonNode> ExpectProblem(this Task<HttpResponseMessage> response, HttpStatusCode status, string code) =>
        await (await response).ExpectProblem(status, code);

    public static Task<HttpResponseMessage> PostJson(this HttpClient client, string url, object body, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body) };
        if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
        return client.SendAsync(request);
    }

    public static Task<HttpResponseMessage> PostRaw(this HttpClient client, string url, string body, string contentType = "application/json") =>
        client.PostAsync(url, new StringContent(body, System.Text.Encoding.UTF8, contentType));

    public static Task<HttpResponseMessage> GetBooking(this HttpClient client, string id, string? key)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/bookings/{id}");
        if (key is not null) request.Headers.Add("X-Booking-Key", key);
        return client.SendAsync(request);
    }

    public static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);
}
