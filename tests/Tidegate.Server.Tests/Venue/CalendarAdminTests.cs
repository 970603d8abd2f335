using Dapper;
using Tidegate.Server.Tests.Audit;

namespace Tidegate.Server.Tests.Venue;

/// <summary>PUT /api/v1/admin/calendar/{date} and /capacity: what availability and booking see, and the refusals that protect sold places.</summary>
public class CalendarAdminTests
{
    private static async Task<string> BookAsync(TestApp app, string start, int adult = 1, string date = "2026-12-20")
    {
        var created = await app.CreateClient().PostJson("/api/v1/bookings", Api.Guest(date, start, adult, email: $"g-{Guid.NewGuid():N}@example.com"))
            .ExpectJson(HttpStatusCode.Created);
        return (string)created["bookingId"]!;
    }

    private static Task<System.Text.Json.Nodes.JsonNode> AvailabilityAsync(TestApp app, string date = "2026-12-20") =>
        app.CreateClient().GetAsync($"/api/v1/availability?date={date}").ExpectJson(HttpStatusCode.OK);

    [Theory, Engines]
    public async Task Shortening_or_closing_a_day_with_bookings_in_the_removed_slots_is_refused_with_their_count(string engine)
    {
        using var app = new TestApp(engine);
        var staff = await AdminClients.AsAsync(app, "operator");
        await BookAsync(app, "16:30");
        await BookAsync(app, "16:45", adult: 2);
        await BookAsync(app, "10:30");

        var shorter = await staff.PutJson("/api/v1/admin/calendar/2026-12-20", new { open = true, opensAt = "10:00", closesAt = "17:30" })
            .ExpectProblem(HttpStatusCode.Conflict, "has_bookings");
        Assert.Equal(2, (int)shorter["bookings"]!);
        Assert.Equal(3, (int)shorter["persons"]!);
        var closed = await staff.PutJson("/api/v1/admin/calendar/2026-12-20", new { open = false })
            .ExpectProblem(HttpStatusCode.Conflict, "has_bookings");
        Assert.Equal(3, (int)closed["bookings"]!);
        Assert.Equal(4, (int)closed["persons"]!);

        // Nothing changed: every slot is still for sale.
        var day = await AvailabilityAsync(app);
        Assert.Equal(28, day["slots"]!.AsArray().Count);
        await BookAsync(app, "16:45");
        await using var connection = await app.Db.OpenAsync();
        Assert.Equal(0L, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM day_overrides"));
        Assert.Equal(0L, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM audit_log"));
    }

    [Theory, Engines]
    public async Task A_shortened_day_sells_only_its_remaining_slots_and_the_removed_ones_are_frozen(string engine)
    {
        using var app = new TestApp(engine);
        var staff = await AdminClients.AsAsync(app, "operator", "op-sato");
        await BookAsync(app, "10:30"); // creates the date's slot rows

        var changed = await staff.PutJson("/api/v1/admin/calendar/2026-12-20", new { open = true, opensAt = "10:00", closesAt = "17:00" })
            .ExpectJson(HttpStatusCode.OK);
        Assert.Equal(24, (int)changed["slots"]!);
        var day = await AvailabilityAsync(app);
        Assert.Equal(24, day["slots"]!.AsArray().Count);
        Assert.Equal("2026-12-20T16:00:00+09:00", (string)day["slots"]!.AsArray()[^1]!["end"]!);
        await app.CreateClient().PostJson("/api/v1/bookings", Api.Guest(start: "16:45", email: "late@example.com"))
            .ExpectProblem(HttpStatusCode.UnprocessableEntity, "invalid_slot");

        await using (var connection = await app.Db.OpenAsync())
        {
            // An instance whose calendar is a second old could still try 16:45: its row admits nobody.
            var frozen = await connection.QuerySingleAsync<(long Capacity, long Online)>(
                "SELECT capacity, online_capacity FROM slots WHERE visit_date = '2026-12-20' AND start_minute = 1005");
            Assert.Equal((0L, 0L), frozen);
        }

        // Opened again: the removed slots come back with the day's capacity.
        await staff.PutJson("/api/v1/admin/calendar/2026-12-20", new { open = true, opensAt = "10:00", closesAt = "18:00" }).ExpectJson(HttpStatusCode.OK);
        day = await AvailabilityAsync(app);
        Assert.Equal(28, day["slots"]!.AsArray().Count);
        Assert.Equal(270, (int)day["slots"]!.AsArray()[^1]!["capacity"]!);
        await BookAsync(app, "16:45");
    }

    [Theory, Engines]
    public async Task A_closed_day_refuses_bookings_and_longer_hours_add_slots(string engine)
    {
        using var app = new TestApp(engine);
        var admin = await AdminClients.AsAsync(app, "admin");
        await admin.PutJson("/api/v1/admin/calendar/2026-12-20", new { open = false }).ExpectJson(HttpStatusCode.OK);
        var day = await AvailabilityAsync(app);
        Assert.False((bool)day["open"]!);
        await app.CreateClient().PostJson("/api/v1/bookings", Api.Guest(email: "closed@example.com"))
            .ExpectProblem(HttpStatusCode.UnprocessableEntity, "venue_closed");

        await admin.PutJson("/api/v1/admin/calendar/2026-12-20", new { open = true, opensAt = "09:00", closesAt = "19:00" }).ExpectJson(HttpStatusCode.OK);
        Assert.Equal(36, (await AvailabilityAsync(app))["slots"]!.AsArray().Count);
        await BookAsync(app, "09:00");
        await BookAsync(app, "17:45");
    }

    [Theory, Engines]
    public async Task Bad_calendar_requests_are_400_naming_the_field(string engine)
    {
        using var app = new TestApp(engine);
        var admin = await AdminClients.AsAsync(app, "admin");
        Assert.Equal("date", (string)(await admin.PutJson("/api/v1/admin/calendar/2026-13-01", new { open = false })
            .ExpectProblem(HttpStatusCode.BadRequest, "invalid_request"))["field"]!);
        Assert.Equal("opensAt", (string)(await admin.PutJson("/api/v1/admin/calendar/2026-12-20", new { open = true, opensAt = "ten", closesAt = "18:00" })
            .ExpectProblem(HttpStatusCode.BadRequest, "invalid_request"))["field"]!);
        Assert.Equal("closesAt", (string)(await admin.PutJson("/api/v1/admin/calendar/2026-12-20", new { open = true, opensAt = "18:00", closesAt = "10:00" })
            .ExpectProblem(HttpStatusCode.BadRequest, "invalid_request"))["field"]!);
        Assert.Equal("capacity", (string)(await admin.PutJson("/api/v1/admin/capacity", new { date = "2026-12-20", start = (string?)null, capacity = -1 })
            .ExpectProblem(HttpStatusCode.BadRequest, "invalid_request"))["field"]!);
        await admin.PutJson("/api/v1/admin/capacity", new { date = "2026-12-20", start = "10:10", capacity = 10 })
            .ExpectProblem(HttpStatusCode.UnprocessableEntity, "invalid_slot");
    }

    [Theory, Engines]
    public async Task Capacity_below_what_a_slot_holds_is_refused_with_sold(string engine)
    {
        using var app = new TestApp(engine);
        var staff = await AdminClients.AsAsync(app, "operator");
        await BookAsync(app, "10:30", adult: 3);
        await BookAsync(app, "11:00", adult: 5);

        var slot = await staff.PutJson("/api/v1/admin/capacity", new { date = "2026-12-20", start = "10:30", capacity = 2 })
            .ExpectProblem(HttpStatusCode.Conflict, "capacity_below_sold");
        Assert.Equal(3, (int)slot["sold"]!);
        var whole = await staff.PutJson("/api/v1/admin/capacity", new { date = "2026-12-20", start = (string?)null, capacity = 4 })
            .ExpectProblem(HttpStatusCode.Conflict, "capacity_below_sold");
        Assert.Equal(5, (int)whole["sold"]!);
        Assert.Equal(270, (int)(await AvailabilityAsync(app))["slots"]![0]!["capacity"]!); // nothing changed

        // Exactly what is sold: the slot is full, for sale online and at the box office alike.
        var set = await staff.PutJson("/api/v1/admin/capacity", new { date = "2026-12-20", start = "10:30", capacity = 3 }).ExpectJson(HttpStatusCode.OK);
        Assert.Equal(3, (int)set["capacity"]!);
        await app.CreateClient().PostJson("/api/v1/bookings", Api.Guest(start: "10:30", adult: 1, email: "one-more@example.com"))
            .ExpectProblem(HttpStatusCode.Conflict, "sold_out");

        await staff.PutJson("/api/v1/admin/capacity", new { date = "2026-12-20", start = (string?)null, capacity = 50 }).ExpectJson(HttpStatusCode.OK);
        var day = await AvailabilityAsync(app);
        Assert.All(day["slots"]!.AsArray(), s => Assert.Equal(45, (int)s!["capacity"]!));
        await BookAsync(app, "10:30", adult: 2);
    }

    [Theory, Engines]
    public async Task Capacity_changes_racing_bookings_never_leave_a_slot_oversold(string engine)
    {
        using var app = new TestApp(engine, new Dictionary<string, string?> { ["Tidegate:Venue:SlotCapacity"] = "100" }); // 90 online
        var staff = await AdminClients.AsAsync(app, "operator");
        var go = new TaskCompletionSource();
        var bookings = Enumerable.Range(0, 150).Select(async i =>
        {
            using var client = app.CreateClient();
            await go.Task;
            return await client.PostJson("/api/v1/bookings", Api.Guest(adult: 1, email: $"racer{i}@example.com"));
        }).ToList();
        var capacities = new[] { 60, 100, 40, 80, 30, 100, 50, 70 };
        var changes = capacities.Select(async capacity =>
        {
            await go.Task;
            return await staff.PutJson("/api/v1/admin/capacity", new { date = "2026-12-20", start = "10:30", capacity });
        }).ToList();
        go.SetResult();
        var booked = await Task.WhenAll(bookings);
        var changed = await Task.WhenAll(changes);

        Assert.All(booked, r => Assert.True(r.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict, $"booking answered {(int)r.StatusCode}"));
        Assert.All(changed, r => Assert.True(r.StatusCode is HttpStatusCode.OK or HttpStatusCode.Conflict, $"capacity change answered {(int)r.StatusCode}"));
        foreach (var refusal in changed.Where(r => r.StatusCode == HttpStatusCode.Conflict))
            Assert.Equal("capacity_below_sold", (string?)(await refusal.Json())["code"]);
        await using var connection = await app.Db.OpenAsync();
        var slot = await connection.QuerySingleAsync<(long Capacity, long Online, long Taken, long Box)>(
            "SELECT capacity, online_capacity, online_taken, box_taken FROM slots WHERE visit_date = '2026-12-20' AND start_minute = 630");
        var held = await connection.ExecuteScalarAsync<long>(
            "SELECT COALESCE(SUM(persons), 0) FROM bookings WHERE visit_date = '2026-12-20' AND start_minute = 630 AND status IN ('held', 'confirmed')");
        Assert.Equal(booked.Count(r => r.StatusCode == HttpStatusCode.Created), held);
        Assert.Equal(held, slot.Taken);
        Assert.True(slot.Taken <= slot.Online && slot.Online + slot.Box <= slot.Capacity, $"oversold: {slot}");
        Assert.Equal(changed.Count(r => r.StatusCode == HttpStatusCode.OK),
            await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM audit_log WHERE action = 'capacity.changed'"));
    }
}
