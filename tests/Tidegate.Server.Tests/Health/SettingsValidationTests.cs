using Tidegate.Server.Tests.Support;

namespace Tidegate.Server.Tests.Health;

/// <summary>
/// Settings are checked when the server starts, before it creates its database: a bad value stops it
/// there with one line naming the setting (exit code 78, like the production guard), not at the first request.
/// </summary>
public class SettingsValidationTests
{
    [Theory]
    [InlineData("Tidegate__Queue__TickMilliseconds", "-250", "Tidegate:Queue:TickMilliseconds")]
    [InlineData("Tidegate__Database__CheckpointMilliseconds", "0", "Tidegate:Database:CheckpointMilliseconds")]
    [InlineData("Tidegate__Payments__Resilience__BreakerFailureRatio", "0", "Tidegate:Payments:Resilience:BreakerFailureRatio")]
    public async Task A_bad_value_stops_the_server_at_start_naming_the_setting(string variable, string value, string named)
    {
        using var server = new ServerProcess(new Dictionary<string, string?> { ["ASPNETCORE_ENVIRONMENT"] = "Development", [variable] = value });

        Assert.Equal(78, await server.ExitCodeAsync(60));
        var line = Assert.Single(server.Lines);
        Assert.Contains($"Refusing to start: {named}:", line);
        Assert.False(File.Exists(Path.Combine(server.WorkingDirectory, "data", "tidegate.db")));
    }
}
