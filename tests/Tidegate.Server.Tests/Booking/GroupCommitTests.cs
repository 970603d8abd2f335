using Dapper;
using Tidegate.Server.Features.Booking;

namespace Tidegate.Server.Tests.Booking;

/// <summary>Holds committed in batches keep the semantics of one transaction per hold, and overload is a fast 429/503.</summary>
public class GroupCommitTests
{
    [Theory, Engines]
    public Task One_batch_answers_each_caller_with_its_own_outcome(string engine) => MixedBatch(engine, bulk: engine == "postgres");

    [Fact]
    public Task The_bulk_claim_and_insert_keep_the_same_outcomes_on_sqlite_too() => MixedBatch("sqlite", bulk: true);

    private static async Task MixedBatch(string engine, bool bulk)
    {
        using var app = new TestApp(engine, new Dictionary<string, string?>
        {
            ["Tidegate:Venue:SlotCapacity"] = "10", ["Tidegate:Booking:BulkInsert"] = bulk ? "true" : "false",
        }); // 9 online
        var client = app.CreateClient();
        var start = new TaskCompletionSource();
        var calls = new List<Task<HttpResponseMessage>>();
        foreach (var i in Enumerable.Range(0, 6)) calls.Add(Fire(() => client.PostJson("/api/v1/bookings", Api.Guest(adult: 2, email: $"p{i}@example.com"))));
        foreach (var _ in Enumerable.Range(0, 4)) calls.Add(Fire(() => client.PostJson("/api/v1/bookings", Api.Guest(start: "11:00", adult: 1, email: "same@example.com"))));
        foreach (var _ in Enumerable.Range(0, 4)) calls.Add(Fire(() => client.PostJson("/api/v1/bookings", Api.Guest(start: "11:15", adult: 1, email: "k@example.com"), "one-key")));
        start.SetResult();
        var responses = await Task.WhenAll(calls);

        var codes = responses.Select(r => (int)r.StatusCode).ToList();
        Assert.Equal(4, codes.Take(6).Count(c => c == 201)); // 4 parties of 2 fit in 9
        Assert.Equal(2, codes.Take(6).Count(c => c == 409));
        Assert.Equal(1, codes.Skip(6).Take(4).Count(c => c == 201));
        Assert.Equal(3, codes.Skip(6).Take(4).Count(c => c == 422));
        var keyed = new HashSet<string>();
        foreach (var r in responses.Skip(10)) keyed.Add((string)(await r.ExpectJson(HttpStatusCode.Created))["bookingId"]!);
        Assert.Single(keyed);

        await using var connection = await app.Db.OpenAsync();
        var taken = await connection.QueryAsync<(long Minute, long Taken)>("SELECT start_minute, online_taken FROM slots WHERE online_taken > 0 ORDER BY start_minute");
        Assert.Equal([(630L, 8L), (660L, 1L), (675L, 1L)], taken);
        Assert.Equal(10, await connection.ExecuteScalarAsync<long>("SELECT SUM(persons) FROM bookings WHERE status = 'held'"));
        Assert.True(app.Get<HoldStore>().AverageBatch >= 1);

        async Task<HttpResponseMessage> Fire(Func<Task<HttpResponseMessage>> call) { await start.Task; return await call(); }
    }

    [Theory, Engines]
    public async Task Without_group_commit_holds_sell_exactly_the_capacity_too(string engine)
    {
        using var app = new TestApp(engine, new Dictionary<string, string?>
        {
            ["Tidegate:Venue:SlotCapacity"] = "100", ["Tidegate:Booking:GroupCommit"] = "false",
        });
        var responses = await Task.WhenAll(Enumerable.Range(0, 150).Select(i =>
            app.CreateClient().PostJson("/api/v1/bookings", Api.Guest(adult: 1, email: $"v{i}@example.com"))));
        Assert.Equal(90, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal(60, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
    }

    [Theory, Engines]
    public async Task A_sold_out_slot_is_then_refused_from_memory_until_places_come_back(string engine)
    {
        using var app = new TestApp(engine, new Dictionary<string, string?>
        {
            ["Tidegate:Venue:SlotCapacity"] = "10", ["Tidegate:Booking:SoldOutMemorySeconds"] = "3600",
            ["Tidegate:Holds:SweepSeconds"] = "3600",
        });
        var client = app.CreateClient();
        var before = await client.GetAsync("/api/v1/availability?date=2026-12-20").Json(); // now cached
        Assert.Equal(9, (int)before["slots"]![2]!["remaining"]!);
        await client.PostJson("/api/v1/bookings", Api.Guest(adult: 9, email: "a@example.com")).ExpectJson(HttpStatusCode.Created);
        await client.PostJson("/api/v1/bookings", Api.Guest(adult: 1, email: "b@example.com")).ExpectProblem(HttpStatusCode.Conflict, "sold_out");
        // Selling out drops the cached availability at once.
        var after = await client.GetAsync("/api/v1/availability?date=2026-12-20").Json();
        Assert.Equal(0, (int)after["slots"]![2]!["remaining"]!);
        // Cut the database's places free behind the server's back: the memory still says full, so it never asked.
        await using (var connection = await app.Db.OpenAsync())
            await connection.ExecuteAsync("UPDATE slots SET online_taken = 0");
        await client.PostJson("/api/v1/bookings", Api.Guest(adult: 1, email: "b@example.com")).ExpectProblem(HttpStatusCode.Conflict, "sold_out");

        // A release signal (what cancellation calls) makes the next request ask the database again.
        app.Get<Features.Venue.SlotSignals>().Released(new DateOnly(2026, 12, 20), 630);
        await client.PostJson("/api/v1/bookings", Api.Guest(adult: 1, email: "b@example.com")).ExpectJson(HttpStatusCode.Created);
    }

    [Theory, Engines]
    public async Task A_full_writer_queue_answers_503_with_retry_after_never_a_crash(string engine)
    {
        using var app = new TestApp(engine, new Dictionary<string, string?>
        {
            ["Tidegate:Booking:QueueCapacity"] = "1", ["Tidegate:Booking:MaxBatch"] = "1",
        });
        var responses = await Task.WhenAll(Enumerable.Range(0, 200).Select(i =>
            app.CreateClient().PostJson("/api/v1/bookings", Api.Guest(adult: 1, start: $"{10 + i % 6}:00", email: $"o{i}@example.com"))));
        var codes = responses.Select(r => (int)r.StatusCode).ToList();
        Assert.All(codes, c => Assert.Contains(c, new[] { 201, 409, 503 }));
        Assert.Contains(503, codes);
        foreach (var busy in responses.Where(r => (int)r.StatusCode == 503))
        {
            Assert.Equal("1", busy.Headers.GetValues("Retry-After").Single());
            await busy.ExpectProblem(HttpStatusCode.ServiceUnavailable, "unavailable");
        }
    }

    [Fact]
    public async Task An_eager_client_is_throttled_with_429_and_retry_after()
    {
        using var app = new TestApp("sqlite", new Dictionary<string, string?>
        {
            ["Tidegate:RateLimits:Enabled"] = "true", ["Tidegate:RateLimits:PerAddress:Bookings:PerSecond"] = "1", ["Tidegate:RateLimits:PerAddress:Bookings:Burst"] = "2",
        });
        var client = app.CreateClient();
        var responses = new List<HttpResponseMessage>();
        for (var i = 0; i < 5; i++) responses.Add(await client.PostJson("/api/v1/bookings", Api.Guest(email: $"t{i}@example.com")));
        var throttled = responses.Where(r => (int)r.StatusCode == 429).ToList();
        Assert.NotEmpty(throttled);
        await throttled[0].ExpectProblem(HttpStatusCode.TooManyRequests, "throttled");
        Assert.True(int.Parse(throttled[0].Headers.GetValues("Retry-After").Single()) >= 1);
    }

    [Fact]
    public async Task Beyond_the_in_flight_bound_requests_get_503_at_once()
    {
        using var app = new TestApp("sqlite", new Dictionary<string, string?> { ["Tidegate:Server:MaxInFlight"] = "2" });
        var responses = await Task.WhenAll(Enumerable.Range(0, 100).Select(i =>
            app.CreateClient().PostJson("/api/v1/bookings", Api.Guest(adult: 1, email: $"f{i}@example.com"))));
        Assert.All(responses, r => Assert.Contains((int)r.StatusCode, new[] { 201, 503 }));
        var busy = responses.FirstOrDefault(r => (int)r.StatusCode == 503);
        if (busy is not null) Assert.Equal("1", busy.Headers.GetValues("Retry-After").Single());
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().GetAsync("/health/live")).StatusCode);
    }
}
