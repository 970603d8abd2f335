using System.Text;

namespace Tidegate.Server.Tests.Security;

/// <summary>Hostile and malformed input to every endpoint: only 4xx problems with codes, and nothing written.</summary>
public class HostileInputTests : IClassFixture<HostileInputTests.App>
{
    public sealed class App : IDisposable
    {
        public TestApp Server { get; } = new("sqlite");
        public void Dispose() => Server.Dispose();
    }

    private readonly TestApp _app;
    public HostileInputTests(App app) => _app = app.Server;

    private const string Valid = """{"date":"2026-12-20","start":"10:30","tickets":{"adult":1},"email":"a@example.com","name":"A"}""";

    public static TheoryData<string, string> BadBookings => new()
    {
        { "", "$" },
        { "not json", "$" },
        { "[]", "$" },
        { "null", "$" },
        { "{", "$" },
        { """{"date":20261220,"start":"10:30","tickets":{"adult":1},"email":"a@example.com","name":"A"}""", "date" },
        { """{"date":"2026-02-30","start":"10:30","tickets":{"adult":1},"email":"a@example.com","name":"A"}""", "date" },
        { """{"date":"2026-12-20","start":"25:00","tickets":{"adult":1},"email":"a@example.com","name":"A"}""", "start" },
        { """{"date":"2026-12-20","start":"10:30:00","tickets":{"adult":1},"email":"a@example.com","name":"A"}""", "start" },
        { """{"date":"2026-12-20","tickets":{"adult":1},"email":"a@example.com","name":"A"}""", "start" },
        { """{"date":"2026-12-20","start":"10:30","email":"a@example.com","name":"A"}""", "tickets" },
        { """{"date":"2026-12-20","start":"10:30","tickets":[1],"email":"a@example.com","name":"A"}""", "tickets" },
        { """{"date":"2026-12-20","start":"10:30","tickets":{"adult":"1"},"email":"a@example.com","name":"A"}""", "tickets.adult" },
        { """{"date":"2026-12-20","start":"10:30","tickets":{"adult":1.5},"email":"a@example.com","name":"A"}""", "tickets.adult" },
        { """{"date":"2026-12-20","start":"10:30","tickets":{"adult":99999999999},"email":"a@example.com","name":"A"}""", "tickets.adult" },
        { """{"date":"2026-12-20","start":"10:30","tickets":{"adult":1,"dragon":1},"email":"a@example.com","name":"A"}""", "tickets.dragon" },
        { """{"date":"2026-12-20","start":"10:30","tickets":{"adult":1},"name":"A"}""", "email" },
        { """{"date":"2026-12-20","start":"10:30","tickets":{"adult":1},"email":"not-an-email","name":"A"}""", "email" },
        { """{"date":"2026-12-20","start":"10:30","tickets":{"adult":1},"email":"a@example.com"}""", "name" },
        { """{"date":"2026-12-20","start":"10:30","tickets":{"adult":1},"email":"a@example.com","name":"   "}""", "name" },
        { """{"date":"2026-12-20","start":"10:30","tickets":{"adult":1},"email":"a@example.com","name":"A\u0000B"}""", "name" },
        { "{\"date\":\"2026-12-20\",\"start\":\"10:30\",\"tickets\":{\"adult\":1},\"email\":\"a@example.com\",\"name\":\"" + new string('x', 101) + "\"}", "name" },
        { "{\"date\":\"2026-12-20\",\"start\":\"10:30\",\"tickets\":{\"adult\":1},\"email\":\"" + new string('x', 250) + "@example.com\",\"name\":\"A\"}", "email" },
    };

    [Theory, MemberData(nameof(BadBookings))]
    public async Task Malformed_bookings_are_400_naming_the_field(string body, string field)
    {
        var problem = await _app.CreateClient().PostRaw("/api/v1/bookings", body)
            .ExpectProblem(HttpStatusCode.BadRequest, "invalid_request");
        Assert.Equal(field, (string?)problem["field"]);
        await AssertNothingWritten();
    }

    [Theory]
    [InlineData(-1, 2, "invalid_party_size")]
    [InlineData(0, 0, "invalid_party_size")]
    [InlineData(2147483647, 1, "invalid_party_size")]
    public async Task Absurd_counts_are_refused(int adult, int child, string code)
    {
        var body = $$"""{"date":"2026-12-20","start":"10:30","tickets":{"adult":{{adult}},"child":{{child}}},"email":"a@example.com","name":"A"}""";
        await _app.CreateClient().PostRaw("/api/v1/bookings", body).ExpectProblem(HttpStatusCode.UnprocessableEntity, code);
        await AssertNothingWritten();
    }

    [Fact]
    public async Task An_oversized_body_is_refused()
    {
        var huge = Valid.Replace("\"A\"}", "\"A\",\"padding\":\"" + new string('x', 2 * 1024 * 1024) + "\"}");
        // As a careful client would: announce the body and wait. The server refuses on the declared
        // length without reading, so the body is never sent (without this, the client may still be
        // writing when the server has answered and closed, and fail with a broken pipe).
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/bookings") { Content = new StringContent(huge, Encoding.UTF8, "application/json") };
        request.Headers.ExpectContinue = true;
        var response = await _app.CreateClient().SendAsync(request);
        await response.ExpectProblem(HttpStatusCode.BadRequest, "invalid_request");
        await AssertNothingWritten();
    }

    [Fact]
    public async Task An_over_long_idempotency_key_is_refused()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/bookings") { Content = new StringContent(Valid, Encoding.UTF8, "application/json") };
        request.Headers.Add("Idempotency-Key", new string('k', 101));
        var problem = await _app.CreateClient().SendAsync(request).ExpectProblem(HttpStatusCode.BadRequest, "invalid_request");
        Assert.Equal("Idempotency-Key", (string?)problem["field"]);
        await AssertNothingWritten();
    }

    [Theory]
    [InlineData("/api/v1/bookings/../../etc/passwd")]
    [InlineData("/api/v1/bookings/' OR 1=1 --")]
    [InlineData("/api/v1/availability?date=2026-12-20'%3B DROP TABLE slots")]
    [InlineData("/api/v1/availability?date=9999-99-99")]
    [InlineData("/api/v1/nothing-here")]
    public async Task Hostile_paths_get_4xx_problems(string path)
    {
        var response = await _app.CreateClient().GetAsync(path);
        Assert.InRange((int)response.StatusCode, 400, 499);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.NotNull((string?)(await response.Json())["code"]);
    }

    [Fact]
    public async Task A_nul_in_the_path_is_refused_by_the_server_itself()
    {
        // Kestrel rejects it before any middleware runs, so there is no problem body, only the 400.
        Assert.Equal(HttpStatusCode.BadRequest, (await _app.CreateClient().GetAsync("/api/v1/bookings/%00")).StatusCode);
    }

    [Theory]
    [InlineData("PUT", "/api/v1/dev/clock", "{\"now\":\"yesterday\"}")]
    [InlineData("PUT", "/api/v1/dev/clock", "{}")]
    [InlineData("POST", "/api/v1/dev/token", "{\"role\":\"root\"}")]
    [InlineData("POST", "/api/v1/dev/token", "{\"role\":5}")]
    public async Task Dev_tools_validate_too(string method, string path, string body)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        await _app.CreateClient().SendAsync(request).ExpectProblem(HttpStatusCode.BadRequest, "invalid_request");
    }

    private async Task AssertNothingWritten()
    {
        await using var connection = await _app.Db.OpenAsync();
        Assert.Equal(0, await Dapper.SqlMapper.ExecuteScalarAsync<long>(connection, "SELECT COUNT(*) FROM bookings"));
        Assert.Equal(0, await Dapper.SqlMapper.ExecuteScalarAsync<long>(connection, "SELECT COALESCE(SUM(online_taken), 0) FROM slots"));
    }
}
