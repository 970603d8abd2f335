using System.Net.Http.Headers;

namespace Tidegate.Server.Tests.Security;

public class AuthAndDevToolsTests
{
    [Theory]
    [InlineData("gate")]
    [InlineData("admin")]
    [InlineData("operator")]
    [InlineData("analyst")]
    [InlineData("partner")]
    public async Task Dev_tokens_carry_their_role(string role)
    {
        using var app = new TestApp("sqlite");
        var body = await app.CreateClient().PostJson("/api/v1/dev/token", new { role }).ExpectJson(HttpStatusCode.OK);
        var claims = app.Get<Tidegate.Server.Infrastructure.Auth.Tokens>().Verify((string)body["token"]!);
        Assert.Equal(role, claims?.Role);
    }

    [Fact]
    public void Tampered_and_expired_tokens_do_not_verify()
    {
        using var app = new TestApp("sqlite");
        var tokens = app.Get<Tidegate.Server.Infrastructure.Auth.Tokens>();
        var token = tokens.Issue("gate", "east-1", TimeSpan.FromMinutes(5));
        Assert.NotNull(tokens.Verify(token));
        Assert.Null(tokens.Verify(token[..^2] + (token[^2] == 'A' ? "BB" : "AA")));
        Assert.Null(tokens.Verify(token.Replace("tg1.", "tg1.x")));
        Assert.Null(tokens.Verify("garbage"));
        app.Clock.Advance(TimeSpan.FromMinutes(6));
        Assert.Null(tokens.Verify(token));
    }

    [Fact]
    public async Task The_dev_clock_moves_the_application_clock()
    {
        using var app = new TestApp("sqlite");
        var client = app.CreateClient();
        await client.SendAsync(new HttpRequestMessage(HttpMethod.Put, "/api/v1/dev/clock")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { now = "2026-11-19T12:00:00+09:00" }),
        }).ExpectJson(HttpStatusCode.OK);
        await client.PostJson("/api/v1/bookings", Api.Guest()).ExpectProblem(HttpStatusCode.UnprocessableEntity, "booking_not_open");
    }

    [Fact]
    public async Task Without_the_dev_tools_flag_there_are_no_dev_endpoints()
    {
        using var app = new TestApp("sqlite", new Dictionary<string, string?> { ["Tidegate:DevTools"] = "false" });
        var client = app.CreateClient();
        await client.PostJson("/api/v1/dev/token", new { role = "admin" }).ExpectProblem(HttpStatusCode.NotFound, "not_found");
        var put = await client.SendAsync(new HttpRequestMessage(HttpMethod.Put, "/api/v1/dev/clock")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { now = "2026-11-19T12:00:00+09:00" }),
        });
        Assert.Equal(HttpStatusCode.NotFound, put.StatusCode);
    }

    [Fact]
    public async Task A_garbage_bearer_token_is_not_a_member()
    {
        using var app = new TestApp("sqlite");
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "tg1.forged.sig");
        // Unauthenticated guests can still book; a forged token grants nothing, so a guest's fields are required.
        var problem = await client.PostJson("/api/v1/bookings", new { date = "2026-12-20", start = "10:30", tickets = new { adult = 1 } })
            .ExpectProblem(HttpStatusCode.BadRequest, "invalid_request");
        Assert.Equal("email", (string?)problem["field"]);
    }
}
