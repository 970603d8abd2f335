namespace Tidegate.Server.Tests.Health;

public class HealthTests
{
    [Theory, Engines]
    public async Task Live_and_ready_once_migrated(string engine)
    {
        using var app = new TestApp(engine);
        var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
    }

    [Fact]
    public async Task Not_ready_when_the_database_is_unreachable()
    {
        using var app = new TestApp("sqlite");
        await using (var connection = await app.Db.OpenAsync())
            await Dapper.SqlMapper.ExecuteAsync(connection, "DELETE FROM schema_migrations");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await app.CreateClient().GetAsync("/health/ready")).StatusCode);
    }
}
