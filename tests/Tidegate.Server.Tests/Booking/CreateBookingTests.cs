namespace Tidegate.Server.Tests.Booking;

public class CreateBookingTests
{
    [Theory, Engines]
    public async Task A_guest_holds_places_for_ten_minutes(string engine)
    {
        using var app = new TestApp(engine);
        var client = app.CreateClient();

        var before = app.Clock.GetUtcNow();
        var created = await client.PostJson("/api/v1/bookings", Api.Guest(adult: 2, child: 1)).ExpectJson(HttpStatusCode.Created);
        var after = app.Clock.GetUtcNow();

        Assert.Equal("held", (string)created["status"]!);
        Assert.Equal(3, (int)created["persons"]!);
        Assert.Equal(6500, (int)created["amount"]!);
        Assert.Equal("JPY", (string)created["currency"]!);
        Assert.Equal("2026-12-20T10:30:00+09:00", (string)created["slot"]!["start"]!);
        Assert.Equal("2026-12-20T10:45:00+09:00", (string)created["slot"]!["end"]!);
        // Ten minutes from the moment the hold was made (the clock runs on: a loaded machine takes a while over the first request).
        Assert.StartsWith("2026-11-20T00:1", (string)created["expiresAt"]!);
        Assert.InRange(DateTimeOffset.Parse((string)created["expiresAt"]!), before.AddMinutes(10).AddMilliseconds(-1), after.AddMinutes(10));
        Assert.EndsWith("+09:00", (string)created["expiresAt"]!);

        var id = (string)created["bookingId"]!;
        var key = (string)created["accessKey"]!;
        var read = await client.GetBooking(id, key).ExpectJson(HttpStatusCode.OK);
        Assert.Equal("held", (string)read["status"]!);
        Assert.Equal(2, (int)read["tickets"]!["adult"]!);

        var availability = await client.GetAsync("/api/v1/availability?date=2026-12-20").Json();
        Assert.Equal(267, (int)availability["slots"]![2]!["remaining"]!);
    }

    [Theory, Engines]
    public async Task A_wrong_or_missing_key_looks_like_no_booking(string engine)
    {
        using var app = new TestApp(engine);
        var client = app.CreateClient();
        var created = await client.PostJson("/api/v1/bookings", Api.Guest()).Json();
        var id = (string)created["bookingId"]!;

        await client.GetBooking(id, null).ExpectProblem(HttpStatusCode.NotFound, "not_found");
        await client.GetBooking(id, "wrong").ExpectProblem(HttpStatusCode.NotFound, "not_found");
        await client.GetBooking(Guid.NewGuid().ToString(), (string)created["accessKey"]!).ExpectProblem(HttpStatusCode.NotFound, "not_found");
    }

    [Theory, Engines]
    public async Task Same_idempotency_key_and_body_returns_the_first_response(string engine)
    {
        using var app = new TestApp(engine);
        var client = app.CreateClient();
        var first = await client.PostJson("/api/v1/bookings", Api.Guest(), "key-1").ExpectJson(HttpStatusCode.Created);
        var again = await client.PostJson("/api/v1/bookings", Api.Guest(), "key-1").ExpectJson(HttpStatusCode.Created);
        Assert.Equal(first.ToJsonString(), again.ToJsonString());

        await client.PostJson("/api/v1/bookings", Api.Guest(adult: 3), "key-1")
            .ExpectProblem(HttpStatusCode.Conflict, "idempotency_conflict");
        var availability = await client.GetAsync("/api/v1/availability?date=2026-12-20").Json();
        Assert.Equal(268, (int)availability["slots"]![2]!["remaining"]!);
    }

    [Theory, Engines]
    public async Task Concurrent_repeats_of_one_key_create_one_booking(string engine)
    {
        using var app = new TestApp(engine);
        var client = app.CreateClient();
        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => client.PostJson("/api/v1/bookings", Api.Guest(), "same")));
        var ids = new HashSet<string>();
        foreach (var response in responses) ids.Add((string)(await response.ExpectJson(HttpStatusCode.Created))["bookingId"]!);
        Assert.Single(ids);
    }

    [Theory, Engines]
    public async Task One_active_booking_per_person_and_date(string engine)
    {
        using var app = new TestApp(engine);
        var client = app.CreateClient();
        await client.PostJson("/api/v1/bookings", Api.Guest()).ExpectJson(HttpStatusCode.Created);
        await client.PostJson("/api/v1/bookings", Api.Guest(start: "11:00", email: " Hanako@Example.com"))
            .ExpectProblem(HttpStatusCode.UnprocessableEntity, "limit_exceeded");
        await client.PostJson("/api/v1/bookings", Api.Guest(email: "taro@example.com")).ExpectJson(HttpStatusCode.Created);
    }

    [Theory, Engines]
    public async Task A_lapsed_hold_gives_its_places_back_at_once(string engine)
    {
        using var app = new TestApp(engine, new Dictionary<string, string?> { ["Tidegate:Holds:SweepSeconds"] = "3600" });
        var client = app.CreateClient();
        var created = await client.PostJson("/api/v1/bookings", Api.Guest(adult: 4)).Json();

        app.Clock.Advance(TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(1));

        var availability = await client.GetAsync("/api/v1/availability?date=2026-12-20").Json();
        Assert.Equal(270, (int)availability["slots"]![2]!["remaining"]!); // the sweeper has not run
        var read = await client.GetBooking((string)created["bookingId"]!, (string)created["accessKey"]!).Json();
        Assert.Equal("expired", (string)read["status"]!);
        // The same person may book again the same day: the lapsed hold no longer counts.
        await client.PostJson("/api/v1/bookings", Api.Guest(adult: 4)).ExpectJson(HttpStatusCode.Created);
    }

    [Theory, Engines]
    public async Task The_sweeper_marks_lapsed_holds_expired(string engine)
    {
        using var app = new TestApp(engine);
        var client = app.CreateClient();
        await client.PostJson("/api/v1/bookings", Api.Guest(adult: 4)).ExpectJson(HttpStatusCode.Created);
        app.Clock.Advance(TimeSpan.FromMinutes(11));

        var swept = await app.Get<Tidegate.Server.Features.Booking.HoldStore>().SweepAsync(100);
        await using var connection = await app.Db.OpenAsync();
        var taken = await Dapper.SqlMapper.ExecuteScalarAsync<long>(connection, "SELECT SUM(online_taken) FROM slots");
        Assert.Equal(0, taken);
        Assert.True(swept is 0 or 1); // the background sweeper may have been first
    }

    [Theory, Engines]
    public async Task Refusals_carry_their_codes(string engine)
    {
        using var app = new TestApp(engine);
        var client = app.CreateClient();

        var notOpen = await client.PostJson("/api/v1/bookings", Api.Guest(date: "2026-12-21"))
            .ExpectProblem(HttpStatusCode.UnprocessableEntity, "booking_not_open");
        Assert.Equal("2026-11-21T00:00:00+09:00", (string?)notOpen["bookingOpensAt"]);
        await client.PostJson("/api/v1/bookings", Api.Guest(start: "17:00"))
            .ExpectProblem(HttpStatusCode.UnprocessableEntity, "invalid_slot");
        await client.PostJson("/api/v1/bookings", Api.Guest(start: "10:20"))
            .ExpectProblem(HttpStatusCode.UnprocessableEntity, "invalid_slot");
        await client.PostJson("/api/v1/bookings", Api.Guest(adult: 11))
            .ExpectProblem(HttpStatusCode.UnprocessableEntity, "invalid_party_size");
        await client.PostJson("/api/v1/bookings", Api.Guest(adult: 0))
            .ExpectProblem(HttpStatusCode.UnprocessableEntity, "invalid_party_size");
        await client.PostJson("/api/v1/bookings", Api.Guest(date: "2026-11-19"))
            .ExpectProblem(HttpStatusCode.UnprocessableEntity, "booking_closed");
    }

    [Theory, Engines]
    public async Task Sold_out_says_how_many_places_remain(string engine)
    {
        using var app = new TestApp(engine, new Dictionary<string, string?> { ["Tidegate:Venue:SlotCapacity"] = "10" });
        var client = app.CreateClient();
        await client.PostJson("/api/v1/bookings", Api.Guest(adult: 8, email: "a@example.com")).ExpectJson(HttpStatusCode.Created);
        var soldOut = await client.PostJson("/api/v1/bookings", Api.Guest(adult: 2, email: "b@example.com"))
            .ExpectProblem(HttpStatusCode.Conflict, "sold_out");
        Assert.Equal(1, (int)soldOut["remaining"]!);
        await client.PostJson("/api/v1/bookings", Api.Guest(adult: 1, email: "b@example.com")).ExpectJson(HttpStatusCode.Created);
    }
}
