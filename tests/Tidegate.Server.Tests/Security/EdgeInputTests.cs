using Tidegate.Server.Tests.Payments;

namespace Tidegate.Server.Tests.Security;

/// <summary>Edges found by trying: extreme dates and crafted return URLs answer 4xx, never 500, never off-site.</summary>
public class EdgeInputTests(EdgeInputTests.App shared) : IClassFixture<EdgeInputTests.App>
{
    public sealed class App : IDisposable
    {
        public TestApp Server { get; } = new("sqlite");
        public void Dispose() => Server.Dispose();
    }

    private static readonly string[] ExtremeDates = ["0001-01-01", "0001-01-31", "0001-02-28", "1999-12-31", "2200-01-01", "9999-12-31"];

    [Theory, Engines]
    public async Task Extreme_dates_are_refused_as_invalid_on_every_door(string engine)
    {
        using var app = new TestApp(engine);
        var client = app.CreateClient();
        var staff = await Gate.ClientWithRoleAsync(app, "admin");
        foreach (var date in ExtremeDates)
        {
            await client.GetAsync($"/api/v1/availability?date={date}").ExpectProblem(HttpStatusCode.BadRequest, "invalid_request");
            await client.PostJson("/api/v1/bookings", Api.Guest(date: date)).ExpectProblem(HttpStatusCode.BadRequest, "invalid_request");
            await client.PostJson($"/api/v1/queue/{date}", new { }).ExpectProblem(HttpStatusCode.BadRequest, "invalid_request");
            await client.GetAsync($"/api/v1/congestion?date={date}").ExpectProblem(HttpStatusCode.BadRequest, "invalid_request");
            await staff.GetAsync($"/api/v1/gate/conflicts?date={date}").ExpectProblem(HttpStatusCode.BadRequest, "invalid_request");
            await staff.PutAsync($"/api/v1/admin/queue/{date}", System.Net.Http.Json.JsonContent.Create(new { guarded = true }))
                .ExpectProblem(HttpStatusCode.BadRequest, "invalid_request");
            foreach (var page in new[] { $"/day/{date}", $"/book/{date}/10:30", $"/queue/{date}" })
            {
                var status = (int)(await client.GetAsync(page)).StatusCode;
                Assert.True(status is >= 400 and < 500, $"{page} answered {status}");
            }
        }
    }

    public static TheoryData<string> HostileReturnUrls => new()
    {
        "/%09/evil.example", "/%0D/evil.example", "/%0A/evil.example", "/%5C/evil.example", "%5C%5Cevil.example",
        "//evil.example", "/\t/evil", "https://evil.example/", "http:%2F%2Fevil.example", "%2F%2Fevil.example", "/%5C%5Cevil",
        "javascript:alert(1)", " /evil", "/%E2%80%8B/evil", "/%00/evil",
    };

    [Theory, MemberData(nameof(HostileReturnUrls))]
    public async Task The_language_switch_never_fails_nor_leaves_the_site(string returnUrl)
    {
        var client = PaymentFlow.NoRedirects(shared.Server);

        var response = await client.GetAsync($"/language/en?returnUrl={returnUrl}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        Assert.Equal("/", location);
    }

    [Fact]
    public async Task The_language_switch_returns_to_a_page_of_the_site()
    {
        var client = PaymentFlow.NoRedirects(shared.Server);

        var response = await client.GetAsync("/language/en?returnUrl=%2Fday%2F2026-12-20%3Flang%3Den");

        Assert.Equal("/day/2026-12-20?lang=en", response.Headers.Location!.OriginalString);
    }
}
