using Dapper;

namespace Tidegate.Server.Tests.Booking;

/// <summary>
/// Consent to the terms and cancellation policy (issue 12, item 5): the booking form requires it and
/// records which version and when; API clients keep booking without it (recorded only when given).
/// </summary>
public class ConsentTests
{
    private static async Task<(string Version, long At)?> ConsentOfAsync(TestApp app, string bookingId)
    {
        await using var connection = await app.Db.OpenAsync();
        return await connection.QuerySingleOrDefaultAsync<(string, long)?>(
            "SELECT terms_version, accepted_at FROM booking_consents WHERE booking_id = @bookingId", new { bookingId });
    }

    [Theory, Engines]
    public async Task The_api_records_consent_only_when_given_and_only_for_the_published_version(string engine)
    {
        using var app = new TestApp(engine);
        var client = app.CreateClient();

        var without = await client.PostJson("/api/v1/bookings", Api.Guest(email: "plain@example.com")).ExpectJson(HttpStatusCode.Created);
        Assert.Null(await ConsentOfAsync(app, (string)without["bookingId"]!)); // API.md's clients are unchanged

        var body = new { date = "2026-12-20", start = "11:00", tickets = new { adult = 1, child = 0, infant = 0, toddler = 0 },
            email = "agreed@example.com", name = "Agreed Guest", acceptedTerms = "2026-11-01" };
        var with = await client.PostJson("/api/v1/bookings", body, idempotencyKey: "consent-1").ExpectJson(HttpStatusCode.Created);
        var consent = await ConsentOfAsync(app, (string)with["bookingId"]!);
        Assert.Equal("2026-11-01", consent!.Value.Version);
        Assert.InRange(consent.Value.At, app.Clock.GetUtcNow().ToUnixTimeMilliseconds() - 5000, app.Clock.GetUtcNow().ToUnixTimeMilliseconds());
        var replay = await client.PostJson("/api/v1/bookings", body, idempotencyKey: "consent-1").ExpectJson(HttpStatusCode.Created);
        Assert.Equal((string)with["bookingId"]!, (string)replay["bookingId"]!);

        var stale = await client.PostJson("/api/v1/bookings", body with { email = "stale@example.com", acceptedTerms = "2020-01-01" })
            .ExpectProblem(HttpStatusCode.BadRequest, "invalid_request");
        Assert.Equal("acceptedTerms", (string)stale["field"]!);
        await using var connection = await app.Db.OpenAsync();
        Assert.Equal(1, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM booking_consents"));
    }

    [Theory, Engines]
    public async Task The_booking_form_refuses_without_the_box_ticked_and_records_the_version_and_time_with_it(string engine)
    {
        using var app = new TestApp(engine);
        var visitor = ConsoleClient.Anonymous(app);
        var html = await visitor.GetPageAsync("/book/2026-12-20/10:30");
        Assert.Contains("name=\"AcceptTerms\"", html);
        Assert.Contains("href=\"/legal/terms\"", html);
        Assert.Contains("href=\"/legal/cancellation\"", html);
        var key = System.Text.RegularExpressions.Regex.Match(html, "name=\"IdempotencyKey\" value=\"([^\"]+)\"").Groups[1].Value;
        var fields = new Dictionary<string, string>
        {
            ["IdempotencyKey"] = key, ["Adult"] = "2", ["Child"] = "0", ["Infant"] = "0", ["Toddler"] = "0",
            ["Name"] = "Hanako Yamada", ["Email"] = "form@example.com",
        };

        var refused = await visitor.PostFormAsync("/book/2026-12-20/10:30", fields);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("同意が必要です", await refused.Content.ReadAsStringAsync());
        await using (var connection = await app.Db.OpenAsync())
            Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM bookings"));

        fields["AcceptTerms"] = "true";
        var booked = await visitor.PostFormAsync("/book/2026-12-20/10:30", fields);
        Assert.Equal(HttpStatusCode.Redirect, booked.StatusCode);
        var bookingId = booked.Headers.Location!.OriginalString.Split('/', '?')[2];
        var consent = await ConsentOfAsync(app, bookingId);
        Assert.Equal("2026-11-01", consent!.Value.Version);
        Assert.InRange(consent.Value.At, app.Clock.GetUtcNow().ToUnixTimeMilliseconds() - 5000, app.Clock.GetUtcNow().ToUnixTimeMilliseconds());
    }

    [Theory, Engines]
    public async Task The_published_version_is_configurable(string engine)
    {
        using var app = new TestApp(engine, new Dictionary<string, string?> { ["Tidegate:Legal:TermsVersion"] = "2027-04" });
        var body = new { date = "2026-12-20", start = "11:00", tickets = new { adult = 1, child = 0, infant = 0, toddler = 0 },
            email = "v2@example.com", name = "V Two", acceptedTerms = "2026-11-01" };
        await app.CreateClient().PostJson("/api/v1/bookings", body).ExpectProblem(HttpStatusCode.BadRequest, "invalid_request");
        var created = await app.CreateClient().PostJson("/api/v1/bookings", body with { acceptedTerms = "2027-04" }).ExpectJson(HttpStatusCode.Created);
        Assert.Equal("2027-04", (await ConsentOfAsync(app, (string)created["bookingId"]!))!.Value.Version);
    }
}
