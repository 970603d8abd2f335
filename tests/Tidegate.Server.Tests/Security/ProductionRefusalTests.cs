using System.Security.Cryptography;

namespace Tidegate.Server.Tests.Security;

/// <summary>
/// Started with ASPNETCORE_ENVIRONMENT=Production, the real server process refuses to be the demo:
/// it exits non-zero before touching the disk, with one log line naming everything missing.
/// </summary>
public class ProductionRefusalTests
{
    private static Dictionary<string, string?> Configured()
    {
        using var ticketKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return new()
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Tidegate__Secrets__DataKeys__1"] = Key(),
            ["Tidegate__Secrets__LookupKey"] = Key(),
            ["Tidegate__Secrets__TokenKey"] = Key(),
            ["Tidegate__Tickets__ActiveKeyId"] = "k1",
            ["Tidegate__Tickets__Keys__k1__PrivateKey"] = Convert.ToBase64String(ticketKey.ExportPkcs8PrivateKey()),
            ["Tidegate__Payments__Provider"] = "stripe",
            ["Tidegate__Payments__Stripe__BaseUrl"] = "http://127.0.0.1:9/",
            ["Tidegate__Payments__Stripe__ApiKey"] = "sk_test_dummy",
            ["Tidegate__Payments__Stripe__WebhookSecret"] = "whsec_dummy",
            ["Tidegate__PublicUrl"] = "https://tickets.example.jp",
            ["Tidegate__Mail__Host"] = "127.0.0.1",
            ["Tidegate__DevTools"] = "false",
        };
    }

    /// <summary>The message of one JSON log line (the production log format).</summary>
    private static string Message(string line) => System.Text.Json.Nodes.JsonNode.Parse(line)!["Message"]!.GetValue<string>();

    private static string Key() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public static TheoryData<string, string?, string> Refusals => new()
    {
        { "Tidegate__Secrets__DataKeys__1", null, "Tidegate:Secrets:DataKeys" },
        { "Tidegate__Secrets__DataKeys__1", "c2hvcnQ=", "Tidegate:Secrets:DataKeys" },
        { "Tidegate__Secrets__LookupKey", null, "Tidegate:Secrets:LookupKey" },
        { "Tidegate__Secrets__TokenKey", null, "Tidegate:Secrets:TokenKey" },
        { "Tidegate__Tickets__Keys__k1__PrivateKey", null, "Tidegate:Tickets:Keys" },
        { "Tidegate__Payments__Provider", null, "Tidegate:Payments:Provider is sandbox" },
        { "Tidegate__Payments__Provider", "sandbox", "Tidegate:Payments:Provider is sandbox" },
        { "Tidegate__Payments__Stripe__WebhookSecret", null, "Tidegate:Payments:Stripe:WebhookSecret" },
        { "Tidegate__DevTools", "true", "Tidegate:DevTools is on" },
        { "Tidegate__PublicUrl", null, "Tidegate:PublicUrl" },
        { "Tidegate__PublicUrl", "tickets.example.jp", "Tidegate:PublicUrl" },
        { "Tidegate__Mail__Host", null, "Tidegate:Mail:Host" },
    };

    [Theory, MemberData(nameof(Refusals))]
    public async Task Production_refuses_to_start_naming_what_is_missing(string variable, string? value, string named)
    {
        var environment = Configured();
        environment.Remove(variable);
        if (value is not null) environment[variable] = value;
        using var server = new ServerProcess(environment);

        Assert.Equal(78, await server.ExitCodeAsync());
        var line = Message(Assert.Single(server.Lines));
        Assert.StartsWith("Refusing to start in Production: ", line);
        Assert.Contains(named, line);
        Assert.Single(line.Split("; ")); // only this one thing is missing
        Assert.Empty(Directory.GetFileSystemEntries(server.WorkingDirectory)); // nothing written: no data/, no keys
    }

    [Fact]
    public async Task Production_with_nothing_configured_names_everything_in_one_line_and_never_uses_dev_keys()
    {
        // A dev-secrets.json lying in the data folder is no substitute for configured secrets.
        var folder = Path.Combine(Path.GetTempPath(), "tidegate-process", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(folder, "data"));
        File.WriteAllText(Path.Combine(folder, "data", "dev-secrets.json"),
            $$"""{"dataKey1":"{{Key()}}","lookupKey":"{{Key()}}","tokenKey":"{{Key()}}"}""");
        using var server = new ServerProcess(new Dictionary<string, string?> { ["ASPNETCORE_ENVIRONMENT"] = "Production" }, folder);

        Assert.Equal(78, await server.ExitCodeAsync());
        var line = Message(Assert.Single(server.Lines));
        foreach (var named in new[] { "DataKeys", "LookupKey", "TokenKey", "Tidegate:Tickets:Keys", "Provider is sandbox", "Tidegate:PublicUrl", "Tidegate:Mail:Host" })
            Assert.Contains(named, line);
        Assert.Equal(["dev-secrets.json"], Directory.GetFileSystemEntries(Path.Combine(folder, "data")).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Production_with_everything_configured_starts_and_is_live()
    {
        using var server = new ServerProcess(Configured());

        var live = await server.WaitForAsync("/health/live");

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.DoesNotContain(server.Lines, l => l.Contains("Refusing"));
        Assert.False(File.Exists(Path.Combine(server.WorkingDirectory, "data", "dev-secrets.json")));
        Assert.False(File.Exists(Path.Combine(server.WorkingDirectory, "data", "ticket-keys.json")));
    }
}
