using System.Text.Json.Nodes;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging.Abstractions;
using Tidegate.Server.Infrastructure;

namespace Tidegate.Server.Tests.Site;

public class ServerFilesTests
{
    [Fact]
    public async Task Started_from_another_folder_the_server_reads_its_own_settings_and_serves_its_pages_and_css()
    {
        using var server = new ServerProcess(new Dictionary<string, string?> { ["ASPNETCORE_ENVIRONMENT"] = "Staging" });
        using var http = server.Client();

        Assert.Equal(HttpStatusCode.OK, (await server.WaitForAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/css/site.css")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/")).StatusCode);

        // The demo venue was seeded from the server's appsettings.json, holidays included; data/ is in the working folder.
        var settings = JsonNode.Parse(File.ReadAllText(Path.Combine(Path.GetDirectoryName(typeof(Program).Assembly.Location)!, "appsettings.json")))!;
        var holidays = settings["Tidegate"]!["Venue"]!["Holidays"]!.AsObject().Count;
        await using var db = new SqliteConnection($"Data Source={Path.Combine(server.WorkingDirectory, "data", "tidegate.db")};Pooling=false");
        Assert.Equal(holidays, await db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM holidays"));
        Assert.True(holidays > 0);
    }

    [Fact]
    public async Task An_unwritable_data_folder_stops_the_start_with_one_line_naming_it()
    {
        var folder = Path.Combine(Path.GetTempPath(), "tidegate-process", Guid.NewGuid().ToString("N"));
        var file = Path.Combine(folder, "not-a-folder");
        Directory.CreateDirectory(folder);
        File.WriteAllText(file, ""); // as root, chmod does not stop writes: a path under a regular file does
        using var refused = new ServerProcess(new Dictionary<string, string?>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development", ["Tidegate__DataDirectory"] = Path.Combine(file, "data"),
        }, folder);

        Assert.Equal(73, await refused.ExitCodeAsync());
        var line = Assert.Single(refused.Lines);
        var message = JsonNode.Parse(line)!["Message"]!.GetValue<string>();
        Assert.StartsWith($"Cannot write to the data folder {Path.Combine(file, "data")} (", message);
    }

    [Fact, System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void Development_keys_are_readable_by_the_owner_only_and_existing_files_are_tightened()
    {
        var folder = Path.Combine(Path.GetTempPath(), "tidegate-tests", Guid.NewGuid().ToString("N"));
        var path = Path.Combine(folder, "keys.json");
        var development = new HostingEnvironment { EnvironmentName = "Development" };
        try
        {
            var created = DevKeyFile.ReadOrCreate(development, path, () => new() { ["k"] = "v" }, NullLogger.Instance, "generated");
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(folder));

            File.SetUnixFileMode(path, (UnixFileMode)0b110_100_100); // 0644, as older versions wrote it
            File.SetUnixFileMode(folder, (UnixFileMode)0b111_101_101);
            var read = DevKeyFile.ReadOrCreate(development, path, () => throw new InvalidOperationException("regenerated"), NullLogger.Instance, "generated");
            Assert.Equal(created, read);
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(folder));

            var production = new HostingEnvironment { EnvironmentName = "Production" };
            Assert.Throws<InvalidOperationException>(() => DevKeyFile.ReadOrCreate(production, path, () => new(), NullLogger.Instance, "generated"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
