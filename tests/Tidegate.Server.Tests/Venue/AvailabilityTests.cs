using Dapper;

namespace Tidegate.Server.Tests.Venue;

public class AvailabilityTests
{
    [Theory, Engines]
    public async Task Demo_venue_serves_28_slots_with_the_online_share(string engine)
    {
        using var app = new TestApp(engine);
        var body = await app.CreateClient().GetAsync("/api/v1/availability?date=2026-12-20").ExpectJson(HttpStatusCode.OK);

        Assert.True((bool)body["open"]!);
        Assert.True((bool)body["bookable"]!);
        Assert.Equal("2026-11-20T00:00:00+09:00", (string)body["bookingOpensAt"]!);
        var slots = body["slots"]!.AsArray();
        Assert.Equal(28, slots.Count);
        Assert.Equal("2026-12-20T10:00:00+09:00", (string)slots[0]!["start"]!);
        Assert.Equal("2026-12-20T17:00:00+09:00", (string)slots[^1]!["end"]!);
        Assert.All(slots, s => Assert.Equal(270, (int)s!["capacity"]!));
        Assert.All(slots, s => Assert.Equal("low", (string)s!["level"]!));
    }

    [Theory, Engines]
    public async Task Dates_before_the_window_are_shown_but_not_bookable(string engine)
    {
        using var app = new TestApp(engine);
        var body = await app.CreateClient().GetAsync("/api/v1/availability?date=2026-12-21").ExpectJson(HttpStatusCode.OK);
        Assert.False((bool)body["bookable"]!);
        Assert.Equal("2026-11-21T00:00:00+09:00", (string)body["bookingOpensAt"]!);
        Assert.Equal(28, body["slots"]!.AsArray().Count);
    }

    [Theory, Engines]
    public async Task A_closed_day_is_open_false_with_no_slots(string engine)
    {
        using var app = new TestApp(engine);
        await using (var connection = await app.Db.OpenAsync())
            await connection.ExecuteAsync("INSERT INTO day_overrides (visit_date, closed) VALUES ('2026-12-15', 1)");
        app.Get<Tidegate.Server.Features.Venue.VenueStore>().Invalidate();

        var body = await app.CreateClient().GetAsync("/api/v1/availability?date=2026-12-15").ExpectJson(HttpStatusCode.OK);
        Assert.False((bool)body["open"]!);
        Assert.False((bool)body["bookable"]!);
        Assert.Empty(body["slots"]!.AsArray());
    }

    [Theory]
    [InlineData("")]
    [InlineData("2026-02-30")]
    [InlineData("2026-13-01")]
    [InlineData("20261220")]
    [InlineData("tomorrow")]
    [InlineData("2026-12-20T10:00")]
    public async Task Malformed_dates_are_invalid_request(string date)
    {
        using var app = new TestApp("sqlite");
        var body = await app.CreateClient().GetAsync($"/api/v1/availability?date={Uri.EscapeDataString(date)}")
            .ExpectProblem(HttpStatusCode.BadRequest, "invalid_request");
        Assert.Equal("date", (string?)body["field"]);
    }
}
