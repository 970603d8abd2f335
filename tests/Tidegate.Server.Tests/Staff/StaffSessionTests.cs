using Dapper;

namespace Tidegate.Server.Tests.Staff;

public class StaffSessionTests
{
    [Theory, Engines]
    public async Task An_ended_session_is_refused_at_once(string engine)
    {
        using var app = new TestApp(engine);
        await app.CreateStaffAsync("kai@example.com", "operator");
        var signedIn = await app.SignedInAsync("kai@example.com");
        var other = await app.SignedInAsync("kai@example.com");
        await MarkDate(signedIn).ExpectJson(HttpStatusCode.OK);

        var ended = await signedIn.DeleteAsync("/api/v1/staff/session");
        Assert.Equal(HttpStatusCode.NoContent, ended.StatusCode);

        await MarkDate(signedIn).ExpectProblem(HttpStatusCode.Unauthorized, "unauthorized");
        await MarkDate(other).ExpectJson(HttpStatusCode.OK); // only that session ended
    }

    [Theory, Engines]
    public async Task Ending_all_sessions_ends_every_one_of_mine_and_no_one_elses(string engine)
    {
        using var app = new TestApp(engine);
        await app.CreateStaffAsync("kai@example.com", "operator");
        await app.CreateStaffAsync("mio@example.com", "operator");
        var first = await app.SignedInAsync("kai@example.com");
        var second = await app.SignedInAsync("kai@example.com");
        var someoneElse = await app.SignedInAsync("mio@example.com");

        var body = await first.PostJson("/api/v1/staff/sessions/end-all", new { }).ExpectJson(HttpStatusCode.OK);

        Assert.Equal(2, (int)body["ended"]!);
        await MarkDate(first).ExpectProblem(HttpStatusCode.Unauthorized, "unauthorized");
        await MarkDate(second).ExpectProblem(HttpStatusCode.Unauthorized, "unauthorized");
        await MarkDate(someoneElse).ExpectJson(HttpStatusCode.OK);
    }

    [Theory, Engines]
    public async Task A_session_expires_after_twelve_hours(string engine)
    {
        using var app = new TestApp(engine);
        await app.CreateStaffAsync("kai@example.com", "operator");
        var signedIn = await app.SignedInAsync("kai@example.com");

        app.Clock.Advance(TimeSpan.FromHours(11.9));
        await MarkDate(signedIn).ExpectJson(HttpStatusCode.OK);
        app.Clock.Advance(TimeSpan.FromHours(0.2));
        await MarkDate(signedIn).ExpectProblem(HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Theory, Engines]
    public async Task A_session_in_use_records_when_it_was_last_seen(string engine)
    {
        using var app = new TestApp(engine);
        await app.CreateStaffAsync("kai@example.com", "operator");
        var signedIn = await app.SignedInAsync("kai@example.com");

        app.Clock.Advance(TimeSpan.FromMinutes(30));
        await MarkDate(signedIn).ExpectJson(HttpStatusCode.OK);

        await using var connection = await app.Db.OpenAsync();
        var lastSeen = DateTimeOffset.FromUnixTimeMilliseconds(await connection.ExecuteScalarAsync<long>("SELECT MAX(last_seen_at) FROM staff_sessions"));
        Assert.InRange(lastSeen, app.Clock.GetUtcNow().AddMinutes(-1), app.Clock.GetUtcNow());
    }

    [PostgresFact]
    public async Task A_session_ended_on_one_instance_is_refused_by_the_other()
    {
        using var first = new TestApp("postgres");
        using var second = new TestApp(first);
        await first.CreateStaffAsync("kai@example.com", "operator");
        var token = await first.SignedInTokenAsync("kai@example.com");
        await MarkDate(second.Bearer(token)).ExpectJson(HttpStatusCode.OK);

        Assert.Equal(HttpStatusCode.NoContent, (await first.Bearer(token).DeleteAsync("/api/v1/staff/session")).StatusCode);

        // The other instance may have the open answer for up to a second; after that it asks the database again.
        second.Clock.Advance(TimeSpan.FromSeconds(2));
        await MarkDate(second.Bearer(token)).ExpectProblem(HttpStatusCode.Unauthorized, "unauthorized");
    }

    /// <summary>An operator's route that answers 200: mark a date for the waiting room.</summary>
    private static Task<HttpResponseMessage> MarkDate(HttpClient client) =>
        client.PutAsync("/api/v1/admin/queue/2026-12-20", System.Net.Http.Json.JsonContent.Create(new { guarded = false }));
}
