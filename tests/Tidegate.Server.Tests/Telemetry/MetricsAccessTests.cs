namespace Tidegate.Server.Tests.Telemetry;

/// <summary>/metrics is for staff (admin, operator) and the configured scrape networks only.</summary>
public class MetricsAccessTests
{
    [Fact]
    public async Task Metrics_refuse_an_anonymous_caller_and_a_gate_token_and_admit_admin_and_operator()
    {
        using var app = new TestApp("sqlite");
        await app.CreateClient().GetAsync("/metrics").ExpectProblem(HttpStatusCode.Unauthorized, "unauthorized");
        await (await Gate.ClientWithRoleAsync(app, "gate")).GetAsync("/metrics").ExpectProblem(HttpStatusCode.Forbidden, "forbidden");
        await (await Gate.ClientWithRoleAsync(app, "analyst")).GetAsync("/metrics").ExpectProblem(HttpStatusCode.Forbidden, "forbidden");
        foreach (var role in new[] { "admin", "operator" })
        {
            var scrape = await Scrape.ReadAsync(await Gate.ClientWithRoleAsync(app, role));
            Assert.NotNull(scrape.Value("tidegate_queue_length"));
        }
    }

    [Fact]
    public async Task A_token_from_the_dev_tools_with_the_admin_role_reads_the_metrics()
    {
        using var app = new TestApp("sqlite");
        var client = app.CreateClient();
        var token = (string)(await client.PostJson("/api/v1/dev/token", new { role = "admin" }).ExpectJson(HttpStatusCode.OK))["token"]!;
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        Assert.NotNull((await Scrape.ReadAsync(client)).Value("tidegate_mail_outbox_age_seconds"));
    }

    [Fact]
    public async Task A_caller_inside_a_configured_network_reads_without_a_token_and_one_outside_does_not()
    {
        using (var inside = new TestApp("sqlite", new Dictionary<string, string?> { ["Tidegate:Telemetry:MetricsNetworks"] = "10.0.0.0/8, 127.0.0.0/8, ::1/128" }))
        {
            var response = await inside.CreateClient().GetAsync("/metrics");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType);
        }
        using var outside = new TestApp("sqlite", new Dictionary<string, string?> { ["Tidegate:Telemetry:MetricsNetworks:0"] = "10.0.0.0/8" });
        await outside.CreateClient().GetAsync("/metrics").ExpectProblem(HttpStatusCode.Unauthorized, "unauthorized");
    }
}
