using Dapper;
using Tidegate.Server.Tests.Payments;

namespace Tidegate.Server.Tests.Journey;

/// <summary>The capabilities joined: a card payment issues the ticket and its email; a move revokes the old code.</summary>
public class PaidTicketJourneyTests
{
    [Theory, Engines]
    public async Task A_paid_booking_gets_a_ticket_and_email_and_a_move_revokes_the_old_code(string engine)
    {
        using var app = PaymentFlow.Start(engine);
        var client = app.CreateClient();
        var (id, key, _) = await PaymentFlow.BookAsync(client);
        Assert.Equal("succeeded", await PaymentFlow.PayAsync(client, await PaymentFlow.CheckoutAsync(client, id, key)));

        var confirmed = await PaymentFlow.WaitForStatusAsync(client, id, key, "confirmed");
        Assert.Equal("confirmed", (string?)confirmed["status"]);
        var oldCode = (string)confirmed["ticketCode"]!;
        Assert.False(string.IsNullOrEmpty((string?)confirmed["ticketImageUrl"]));
        Assert.Equal(1, await MailsQueuedAsync(app, id));

        var moved = await client.Move(id, key, "2026-12-20", "11:00");
        Assert.True(moved.IsSuccessStatusCode, await moved.Content.ReadAsStringAsync());
        var after = await client.GetBooking(id, key).ExpectJson(HttpStatusCode.OK);
        Assert.Equal("2026-12-20T11:00:00+09:00", (string?)after["slot"]!["start"]);
        Assert.Equal(2, await MailsQueuedAsync(app, id));

        app.Clock.Set(new DateTimeOffset(2026, 12, 20, 10, 50, 0, TimeSpan.FromHours(9)));
        var gate = await Gate.ClientWithRoleAsync(app, "gate");
        var old = await gate.ScanOkAsync(oldCode);
        Assert.Equal("rejected", (string?)old["result"]);
        Assert.Equal("revoked", (string?)old["reason"]);
        var fresh = await gate.ScanOkAsync((string)after["ticketCode"]!);
        Assert.Equal("admitted", (string?)fresh["result"]);
        Assert.Equal(3, (int?)fresh["admitted"]);
    }

    private static async Task<long> MailsQueuedAsync(TestApp app, string bookingId)
    {
        await using var connection = await app.Db.OpenAsync();
        return await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM mail_outbox WHERE booking_id = @bookingId", new { bookingId });
    }
}
