using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Tidegate.Bench;

/// <summary>The HTTP side of a simulated visitor: one shared pooled client, small helpers over the contract.</summary>
public sealed class Visitors : IDisposable
{
    public HttpClient Http { get; }

    public Visitors(string baseUrl, int connections = 256) => Http = new HttpClient(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = connections, PooledConnectionLifetime = TimeSpan.FromMinutes(10), UseCookies = false,
        AutomaticDecompression = DecompressionMethods.None,
    })
    { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(120) };

    /// <summary>Visitors over a client made elsewhere (through the proxy: <see cref="Deployment.Entrances"/>).</summary>
    public Visitors(HttpClient http) => Http = http;

    public static object Booking(string date, string start, int persons, string email) => new
    {
        date, start, tickets = new { adult = persons, child = 0, infant = 0, toddler = 0 }, email, name = "Bench Visitor",
    };

    public async Task<(int Status, JsonNode? Body)> PostAsync(string url, object? body, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = body is null ? null : JsonContent.Create(body) };
        foreach (var (name, value) in headers) request.Headers.TryAddWithoutValidation(name, value);
        using var response = await Http.SendAsync(request);
        return ((int)response.StatusCode, await ReadAsync(response));
    }

    public async Task<(int Status, JsonNode? Body)> GetAsync(string url, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        foreach (var (name, value) in headers) request.Headers.TryAddWithoutValidation(name, value);
        using var response = await Http.SendAsync(request);
        return ((int)response.StatusCode, await ReadAsync(response));
    }

    public async Task<string> TokenAsync(string role) => (string)(await PostAsync("/api/v1/dev/token", new { role })).Body!["token"]!;

    public Task SetClockAsync(DateTimeOffset now) =>
        Http.PutAsJsonAsync("/api/v1/dev/clock", new { now });

    private static async Task<JsonNode?> ReadAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        if (text.Length == 0) return null;
        try { return JsonNode.Parse(text); } catch (System.Text.Json.JsonException) { return null; }
    }

    public void Dispose() => Http.Dispose();
}
