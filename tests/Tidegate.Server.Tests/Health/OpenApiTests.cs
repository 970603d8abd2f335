namespace Tidegate.Server.Tests.Health;

public class OpenApiTests
{
    [Fact]
    public async Task The_server_documents_its_api()
    {
        using var app = new TestApp("sqlite");
        var document = await app.CreateClient().GetAsync("/openapi/v1.json").ExpectJson(HttpStatusCode.OK);
        var paths = document["paths"]!.AsObject();
        Assert.True(paths.ContainsKey("/api/v1/availability"));
        Assert.True(paths.ContainsKey("/api/v1/bookings"));
        Assert.True(paths.ContainsKey("/api/v1/bookings/{bookingId}"));
    }
}
