using System.Text.Json.Nodes;

namespace Tidegate.Server.Tests.Queue;

/// <summary>A test app with the waiting room switched on and ticking fast, and helpers to join, poll and book.</summary>
public static class QueueClient
{
    public static TestApp App(string engine, double rate = 1, int maxOutstanding = 1, int admissionSeconds = 120,
        IDictionary<string, string?>? more = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Tidegate:Queue:AutoGuard"] = "true",
            ["Tidegate:Queue:TickMilliseconds"] = "50",
            ["Tidegate:Queue:AdmissionsPerSecond"] = rate.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Tidegate:Queue:MaxOutstanding"] = maxOutstanding.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Tidegate:Queue:AdmissionSeconds"] = admissionSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        foreach (var (key, value) in more ?? new Dictionary<string, string?>()) settings[key] = value;
        return new TestApp(engine, settings);
    }

    public static async Task<JsonNode> JoinAsync(this HttpClient client, string date = "2026-12-20") =>
        await client.PostAsync($"/api/v1/queue/{date}", null).ExpectJson(HttpStatusCode.Created);

    public static async Task<JsonNode> StatusAsync(this HttpClient client, string ticket, string date = "2026-12-20")
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/queue/{date}/status");
        request.Headers.Add("X-Queue-Ticket", ticket);
        return await (await client.SendAsync(request)).ExpectJson(HttpStatusCode.OK);
    }

    /// <summary>Polls until the status satisfies <paramref name="done"/> (the worker ticks every 50 ms).</summary>
    public static async Task<JsonNode> StatusUntilAsync(this HttpClient client, string ticket, Func<JsonNode, bool> done, string date = "2026-12-20")
    {
        for (var i = 0; ; i++)
        {
            var status = await client.StatusAsync(ticket, date);
            if (done(status)) return status;
            if (i > 200) throw new TimeoutException($"status never changed: {status.ToJsonString()}");
            await Task.Delay(50);
        }
    }

    public static Task<JsonNode> AdmittedAsync(this HttpClient client, string ticket, string date = "2026-12-20") =>
        client.StatusUntilAsync(ticket, s => (bool?)s["admitted"] == true, date);

    public static Task<HttpResponseMessage> BookAsync(this HttpClient client, string? admission, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/bookings") { Content = System.Net.Http.Json.JsonContent.Create(body) };
        if (admission is not null) request.Headers.Add("X-Admission-Token", admission);
        return client.SendAsync(request);
    }
}
