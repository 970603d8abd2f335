using System.Diagnostics;
using Dapper;
using Tidegate.Server.Features.Venue;
using Tidegate.Server.Tests.Audit;

namespace Tidegate.Server.Tests.ScaleOut;

/// <summary>A venue change made through one instance reaches the others' cached calendar within seconds.</summary>
public class VenueChangeTests
{
    [PostgresFact]
    public async Task A_day_closed_through_one_instance_is_closed_on_the_other_within_seconds()
    {
        using var first = new TestApp("postgres");
        using var second = new TestApp(first);
        var other = second.CreateClient();
        Assert.True(await IsOpenAsync(other)); // the second instance now holds the calendar in its cache

        await first.Get<VenueStore>().ChangeAsync((connection, tx) =>
            connection.ExecuteAsync("INSERT INTO day_overrides (visit_date, closed) VALUES ('2026-12-20', 1)", transaction: tx));

        var watch = Stopwatch.StartNew();
        while (await IsOpenAsync(other) && watch.Elapsed < TimeSpan.FromSeconds(5)) await Task.Delay(50);
        var seenAfter = watch.Elapsed;
        Assert.False(await IsOpenAsync(other), "the second instance still shows the day open after 5 s");
        Assert.True(seenAfter < TimeSpan.FromSeconds(3.5), $"seen after {seenAfter}");
    }

    [PostgresFact]
    public async Task Hours_shortened_through_the_admin_api_on_one_instance_sell_no_removed_slot_on_the_other()
    {
        using var first = new TestApp("postgres");
        using var second = new TestApp(first);
        var other = second.CreateClient();
        await other.PostJson("/api/v1/bookings", Api.Guest(start: "16:30", email: "early@example.com")).ExpectJson(HttpStatusCode.Created);
        await other.PostJson("/api/v1/bookings", Api.Guest(start: "10:30", email: "warm@example.com")).ExpectJson(HttpStatusCode.Created);
        var staff = await AdminClients.AsAsync(first, "operator");
        var refused = await staff.PutJson("/api/v1/admin/calendar/2026-12-20", new { open = true, opensAt = "10:00", closesAt = "17:00" })
            .ExpectProblem(HttpStatusCode.Conflict, "has_bookings"); // the booking made through the other instance counts
        Assert.Equal(1, (int)refused["bookings"]!);
        await staff.PutJson("/api/v1/admin/calendar/2026-12-20", new { open = true, opensAt = "10:00", closesAt = "17:45" })
            .ExpectJson(HttpStatusCode.OK); // removes only 16:45

        // The second instance may still hold the old calendar: its claim on a removed slot finds the row frozen.
        var late = await other.PostJson("/api/v1/bookings", Api.Guest(start: "16:45", email: "late@example.com"));
        Assert.True(late.StatusCode is HttpStatusCode.Conflict or HttpStatusCode.UnprocessableEntity, $"a removed slot answered {(int)late.StatusCode}");
        var watch = Stopwatch.StartNew();
        while (await SlotsAsync(other) != 27 && watch.Elapsed < TimeSpan.FromSeconds(5)) await Task.Delay(50);
        Assert.Equal(27, await SlotsAsync(other));
    }

    private static async Task<int> SlotsAsync(HttpClient client) =>
        (await client.GetAsync("/api/v1/availability?date=2026-12-20").ExpectJson(HttpStatusCode.OK))["slots"]!.AsArray().Count;

    private static async Task<bool> IsOpenAsync(HttpClient client) =>
        (bool)(await client.GetAsync("/api/v1/availability?date=2026-12-20").ExpectJson(HttpStatusCode.OK))["open"]!;
}
