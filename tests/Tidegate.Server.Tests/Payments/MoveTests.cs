using Dapper;
using static Tidegate.Server.Tests.Payments.PaymentFlow;

namespace Tidegate.Server.Tests.Payments;

public class MoveTests
{
    [Theory, Engines]
    public async Task A_move_to_a_cheaper_day_refunds_the_difference_and_a_dearer_one_charges_it(string engine)
    {
        using var app = Start(engine);
        var client = app.CreateClient();
        var (id, key, amount) = await BookAsync(client, adult: 2, child: 0); // Sunday: 2 × 2,600
        Assert.Equal(5200, amount);
        await PayAsync(client, await CheckoutAsync(client, id, key));
        await WaitForStatusAsync(client, id, key, "confirmed");

        var moved = await client.Move(id, key, "2026-12-18", "11:00").ExpectJson(HttpStatusCode.OK); // Friday: 2 × 2,400
        Assert.Equal("2026-12-18", (string)moved["date"]!);
        Assert.Equal(4800, (int)moved["amount"]!);
        Assert.Equal(400, (int)moved["refund"]!["amount"]!);
        Assert.Equal("move_difference", (string)moved["refund"]!["reason"]!);
        Assert.Equal(0, await OnlineTakenAsync(app));
        Assert.Equal(2, await OnlineTakenAsync(app, "2026-12-18", 660));
        Assert.Equal(2, await SerialAsync(app, id)); // the old ticket code is revoked

        var due = await client.Move(id, key, "2026-12-20", "10:30").ExpectJson(HttpStatusCode.Accepted);
        Assert.Equal("payment_required", (string)due["status"]!);
        Assert.Equal(400, (int)due["amountDue"]!);
        await PayAsync(client, (string)due["paymentId"]!);
        var back = await WaitForAsync(client, id, key, b => (string?)b["date"] == "2026-12-20");
        Assert.Equal(5200, (int)back["amount"]!);
        Assert.Equal(3, await SerialAsync(app, id));
        Assert.Equal(2, await OnlineTakenAsync(app));
        Assert.Equal(0, await OnlineTakenAsync(app, "2026-12-18", 660));
        await AssertMoneyConsistentAsync(app);

        var cancelled = await client.Cancel(id, key).ExpectJson(HttpStatusCode.OK);
        Assert.Equal(5600, (int)cancelled["refund"]!["amount"]!); // 400 earlier + 5,200 now: everything paid went back
        await AssertMoneyConsistentAsync(app);
    }

    [Theory, Engines]
    public async Task A_move_is_refused_when_the_slot_is_full_or_the_booking_not_confirmed(string engine)
    {
        using var app = Start(engine, null, ("Tidegate:Venue:SlotCapacity", "10"));
        var client = app.CreateClient();
        var (id, key, _) = await BookAsync(client, adult: 2, child: 0);
        await client.Move(id, key, "2026-12-20", "11:00").ExpectProblem(HttpStatusCode.Conflict, "not_confirmed");
        await PayAsync(client, await CheckoutAsync(client, id, key));
        await WaitForStatusAsync(client, id, key, "confirmed");
        await BookAsync(client, email: "taro@example.com", adult: 9, child: 0, start: "11:00");

        await client.Move(id, key, "2026-12-20", "11:00").ExpectProblem(HttpStatusCode.Conflict, "sold_out");
        await client.Move(id, key, "2026-12-20", "10:30").ExpectProblem(HttpStatusCode.BadRequest, "invalid_request");
        await client.Move(id, key, "2026-12-20", "10:20").ExpectProblem(HttpStatusCode.UnprocessableEntity, "invalid_slot");
        await client.Move(id, key, "2026-12-21", "10:30").ExpectProblem(HttpStatusCode.UnprocessableEntity, "booking_not_open");
        Assert.Equal(1, await SerialAsync(app, id));
        await AssertMoneyConsistentAsync(app);
    }

    private static async Task<long> SerialAsync(TestApp app, string id)
    {
        await using var connection = await app.Db.OpenAsync();
        return await connection.ExecuteScalarAsync<long>("SELECT ticket_serial FROM bookings WHERE id = @id", new { id });
    }
}
