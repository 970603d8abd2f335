using System.Diagnostics;
using Dapper;
using Tidegate.Server.Features.Venue;

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

    private static async Task<bool> IsOpenAsync(HttpClient client) =>
        (bool)(await client.GetAsync("/api/v1/availability?date=2026-12-20").ExpectJson(HttpStatusCode.OK))["open"]!;
}
