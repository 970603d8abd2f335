using System.Diagnostics;
using Dapper;
using Tidegate.Server.Tests.Audit;

namespace Tidegate.Server.Tests.Venue;

/// <summary>PUT /api/v1/admin/prices, PUT and DELETE /api/v1/admin/holidays/{date}: what bookings are charged, the audit entries, the refusals.</summary>
public class PricesAndHolidaysTests
{
    // 2026-12-18 is a Friday (a weekday), bookable from the tests' start (2026-11-20).
    private const string Friday = "2026-12-18";

    private static async Task<int> AmountAsync(TestApp app, string date, int adult = 1, int child = 0)
    {
        var created = await app.CreateClient().PostJson("/api/v1/bookings", Api.Guest(date, "10:30", adult, child, email: $"p-{Guid.NewGuid():N}@example.com"))
            .ExpectJson(HttpStatusCode.Created);
        return (int)created["amount"]!;
    }

    private static async Task<List<(string Actor, string Action, string Target, string Detail)>> AuditAsync(TestApp app)
    {
        await using var connection = await app.Db.OpenAsync();
        return (await connection.QueryAsync<(string, string, string, string)>("SELECT actor, action, target, detail FROM audit_log ORDER BY seq")).ToList();
    }

    [Theory, Engines]
    public async Task Changed_prices_are_charged_to_new_bookings_and_audited(string engine)
    {
        using var app = new TestApp(engine);
        var staff = await AdminClients.AsAsync(app, "operator", "op-sato");
        Assert.Equal(2400 + 1200, await AmountAsync(app, Friday, adult: 1, child: 1));

        var changed = await staff.PutJson("/api/v1/admin/prices", new { weekday = new { adult = 2500, child = 1250 }, weekendOrHoliday = new { adult = 2800 } })
            .ExpectJson(HttpStatusCode.OK);
        Assert.Equal(2500, (int)changed["weekday"]!["adult"]!);
        Assert.Equal(700, (int)changed["weekday"]!["infant"]!); // left out: kept
        Assert.Equal(2800, (int)changed["weekendOrHoliday"]!["adult"]!);
        Assert.Equal(1300, (int)changed["weekendOrHoliday"]!["child"]!);

        Assert.Equal(2500 + 1250, await AmountAsync(app, Friday, adult: 1, child: 1));
        Assert.Equal(2800, await AmountAsync(app, "2026-12-20")); // a Sunday
        var entry = Assert.Single(await AuditAsync(app));
        Assert.Equal(("op-sato", "prices.changed", "prices"), (entry.Actor, entry.Action, entry.Target));
        Assert.Contains("weekday.adult 2400->2500", entry.Detail);
        Assert.Contains("weekendOrHoliday.adult 2600->2800", entry.Detail);
    }

    [Theory, Engines]
    public async Task Bad_prices_are_400_naming_the_field_and_change_nothing(string engine)
    {
        using var app = new TestApp(engine);
        var staff = await AdminClients.AsAsync(app, "admin");
        var negative = await staff.PutJson("/api/v1/admin/prices", new { weekday = new { adult = 2500, child = -1 } })
            .ExpectProblem(HttpStatusCode.BadRequest, "invalid_request");
        Assert.Equal("weekday.child", (string)negative["field"]!);
        var huge = await staff.PutJson("/api/v1/admin/prices", new { weekendOrHoliday = new { toddler = 100_001 } })
            .ExpectProblem(HttpStatusCode.BadRequest, "invalid_request");
        Assert.Equal("weekendOrHoliday.toddler", (string)huge["field"]!);
        await staff.PutJson("/api/v1/admin/prices", new { }).ExpectProblem(HttpStatusCode.BadRequest, "invalid_request");
        await staff.PutJson("/api/v1/admin/prices", new { weekday = new { adult = "cheap" } }).ExpectProblem(HttpStatusCode.BadRequest, "invalid_request");

        Assert.Equal(2400, await AmountAsync(app, Friday));
        Assert.Empty(await AuditAsync(app));
    }

    [Theory, Engines]
    public async Task A_holiday_is_priced_as_a_weekend_until_it_is_removed(string engine)
    {
        using var app = new TestApp(engine);
        var staff = await AdminClients.AsAsync(app, "operator", "op-kato");
        var set = await staff.PutJson($"/api/v1/admin/holidays/{Friday}", new { name = "  創立記念日 " }).ExpectJson(HttpStatusCode.OK);
        Assert.Equal((Friday, "創立記念日"), ((string)set["date"]!, (string)set["name"]!));
        Assert.Equal(2600, await AmountAsync(app, Friday));

        var removed = await staff.DeleteAsync($"/api/v1/admin/holidays/{Friday}");
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        Assert.Equal(2400, await AmountAsync(app, Friday));
        await staff.DeleteAsync($"/api/v1/admin/holidays/{Friday}").ExpectProblem(HttpStatusCode.NotFound, "not_found");

        Assert.Equal(
            new[] { ("op-kato", "holiday.set", Friday, "創立記念日"), ("op-kato", "holiday.removed", Friday, "創立記念日") },
            await AuditAsync(app));
    }

    [Theory, Engines]
    public async Task Bad_holiday_requests_are_400_naming_the_field(string engine)
    {
        using var app = new TestApp(engine);
        var staff = await AdminClients.AsAsync(app, "admin");
        Assert.Equal("date", (string)(await staff.PutJson("/api/v1/admin/holidays/2026-02-30", new { name = "x" })
            .ExpectProblem(HttpStatusCode.BadRequest, "invalid_request"))["field"]!);
        Assert.Equal("name", (string)(await staff.PutJson($"/api/v1/admin/holidays/{Friday}", new { name = "   " })
            .ExpectProblem(HttpStatusCode.BadRequest, "invalid_request"))["field"]!);
        Assert.Equal("name", (string)(await staff.PutJson($"/api/v1/admin/holidays/{Friday}", new { name = new string('祝', 61) })
            .ExpectProblem(HttpStatusCode.BadRequest, "invalid_request"))["field"]!);
        Assert.Equal("date", (string)(await staff.DeleteAsync("/api/v1/admin/holidays/someday")
            .ExpectProblem(HttpStatusCode.BadRequest, "invalid_request"))["field"]!);
        Assert.Empty(await AuditAsync(app));
    }

    [Theory, Engines]
    public async Task Guarding_a_date_through_the_waiting_room_api_is_audited(string engine)
    {
        using var app = new TestApp(engine);
        var staff = await AdminClients.AsAsync(app, "operator", "op-sato");
        await staff.PutJson("/api/v1/admin/queue/2026-12-19", new { guarded = true }).ExpectJson(HttpStatusCode.OK);
        await staff.PutJson("/api/v1/admin/queue/2026-12-19", new { guarded = false }).ExpectJson(HttpStatusCode.OK);
        Assert.Equal(
            new[] { ("op-sato", "queue.guarded", "2026-12-19", ""), ("op-sato", "queue.unguarded", "2026-12-19", "") },
            await AuditAsync(app));
    }

    [PostgresFact]
    public async Task Prices_and_holidays_changed_through_one_instance_are_charged_by_the_other_within_seconds()
    {
        using var first = new TestApp("postgres");
        using var second = new TestApp(first);
        Assert.Equal(2400, await AmountAsync(second, Friday)); // the second instance now holds the calendar in its cache
        var staff = await AdminClients.AsAsync(first, "operator");
        await staff.PutJson("/api/v1/admin/prices", new { weekday = new { adult = 2450 } }).ExpectJson(HttpStatusCode.OK);
        await staff.PutJson("/api/v1/admin/holidays/2026-12-17", new { name = "臨時休日料金" }).ExpectJson(HttpStatusCode.OK);

        var watch = Stopwatch.StartNew();
        while (await AmountAsync(second, Friday) != 2450 && watch.Elapsed < TimeSpan.FromSeconds(5)) await Task.Delay(100);
        Assert.Equal(2450, await AmountAsync(second, Friday));
        Assert.Equal(2600, await AmountAsync(second, "2026-12-17"));
    }
}
