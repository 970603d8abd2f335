using Dapper;
using Tidegate.Domain.Tickets;

namespace Tidegate.Server.Tests.BoxOffice;

public class SellWalkInTests
{
    [Theory, Engines]
    public async Task Staff_sell_today_from_the_walk_in_share_and_the_ticket_opens_the_gate(string engine)
    {
        using var app = new TestApp(engine);
        app.Clock.Set(Gate.SlotStart.AddMinutes(-60));
        var staff = await Gate.ClientWithRoleAsync(app, "operator");

        var sold = await staff.PostJson("/api/v1/box-office/bookings", new { start = "10:30", tickets = new { adult = 2, child = 1 } }, "till-1-0001")
            .ExpectJson(HttpStatusCode.Created);
        Assert.Equal(("confirmed", "box_office", 3, 6500), ((string)sold["status"]!, (string)sold["channel"]!, (int)sold["persons"]!, (int)sold["amount"]!));
        var id = (string)sold["bookingId"]!;
        Assert.Equal(Guid.Parse(id), app.Get<TicketKeys>().Verify((string)sold["ticketCode"]!)?.BookingId);
        Assert.Contains($"/tickets/{id}?key=", (string)sold["ticketUrl"]!);

        var replay = await staff.PostJson("/api/v1/box-office/bookings", new { start = "10:30", tickets = new { adult = 2, child = 1 } }, "till-1-0001")
            .ExpectJson(HttpStatusCode.Created);
        Assert.Equal(id, (string)replay["bookingId"]!);
        Assert.Equal((string)sold["accessKey"]!, (string)replay["accessKey"]!);

        var page = await app.CreateClient().GetAsync(new Uri((string)sold["ticketUrl"]!).PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);

        await using (var connection = await app.Db.OpenAsync())
        {
            var slot = await connection.QuerySingleAsync<(long Online, long Box)>(
                "SELECT online_taken, box_taken FROM slots WHERE visit_date = '2026-12-20' AND start_minute = 630");
            Assert.Equal((0L, 3L), slot);
        }
        app.Clock.Set(Gate.SlotStart);
        var gate = await Gate.ClientWithRoleAsync(app, "gate");
        Assert.Equal("admitted", (string)(await gate.ScanOkAsync((string)sold["ticketCode"]!))["result"]!);
    }

    [Theory, Engines]
    public async Task The_walk_in_share_is_never_oversold(string engine)
    {
        using var app = new TestApp(engine); // 300 per slot, 10% = 30 walk-in places
        app.Clock.Set(Gate.SlotStart.AddMinutes(-60));
        var staff = await Gate.ClientWithRoleAsync(app, "operator");
        var start = new TaskCompletionSource();
        var sales = Enumerable.Range(0, 40).Select(async _ =>
        {
            await start.Task;
            return await staff.PostJson("/api/v1/box-office/bookings", new { start = "10:30", tickets = new { adult = 1 } });
        }).ToList();
        start.SetResult();
        var responses = await Task.WhenAll(sales);
        Assert.Equal(30, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        var refusal = responses.First(r => r.StatusCode != HttpStatusCode.Created);
        Assert.Equal(0, (int)(await refusal.ExpectProblem(HttpStatusCode.Conflict, "sold_out"))["remaining"]!);
    }

    [Theory]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    [InlineData("gate", HttpStatusCode.Forbidden)]
    [InlineData("analyst", HttpStatusCode.Forbidden)]
    public async Task Only_operators_and_admins_sell(string? role, HttpStatusCode status)
    {
        using var app = new TestApp("sqlite");
        var client = role is null ? app.CreateClient() : await Gate.ClientWithRoleAsync(app, role);
        var response = await client.PostJson("/api/v1/box-office/bookings", new { start = "10:30", tickets = new { adult = 1 } });
        Assert.Equal(status, response.StatusCode);
    }

    [Fact]
    public async Task Only_today_is_sold_and_slots_that_have_ended_are_closed()
    {
        using var app = new TestApp("sqlite");
        app.Clock.Set(Gate.SlotStart.AddMinutes(20));
        var staff = await Gate.ClientWithRoleAsync(app, "admin");
        await staff.PostJson("/api/v1/box-office/bookings", new { start = "10:30", tickets = new { adult = 1 } })
            .ExpectProblem(HttpStatusCode.UnprocessableEntity, "booking_closed");
        await staff.PostJson("/api/v1/box-office/bookings", new { start = "10:45", tickets = new { adult = 1 } }).ExpectJson(HttpStatusCode.Created);
        await staff.PostJson("/api/v1/box-office/bookings", new { start = "10:50", tickets = new { adult = 1 } })
            .ExpectProblem(HttpStatusCode.UnprocessableEntity, "invalid_slot");
    }
}
