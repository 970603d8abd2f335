using System.Text.Json.Nodes;
using Dapper;
using Tidegate.Domain.Tickets;

namespace Tidegate.Server.Tests.Gates;

public class OfflineTests
{
    [Theory, Engines]
    public async Task An_offline_upload_of_a_ticket_another_lane_admitted_is_flagged_not_double_counted(string engine)
    {
        using var app = new TestApp(engine);
        var ticket = await Gate.ConfirmedTicketAsync(app);
        app.Clock.Set(Gate.SlotStart.AddMinutes(10));
        var online = await Gate.ClientWithRoleAsync(app, "gate", "east-1");
        var offline = await Gate.ClientWithRoleAsync(app, "gate", "west-1");
        await online.ScanOkAsync(ticket.Code, "east-1");

        // West-1 lost the network at 10:32 and let the same party in; it uploads later.
        var upload = await offline.ScanOkAsync(ticket.Code, "west-1", admit: 3, nonce: "w1-0001",
            scannedAt: Gate.SlotStart.AddMinutes(2), offlineResult: "admitted");
        Assert.Equal("rejected", (string)upload["result"]!);
        Assert.Equal("already_used", (string)upload["reason"]!);
        Assert.True((bool)upload["conflict"]!);
        var again = await offline.ScanOkAsync(ticket.Code, "west-1", admit: 3, nonce: "w1-0001",
            scannedAt: Gate.SlotStart.AddMinutes(2), offlineResult: "admitted");
        Assert.Equal(upload.ToJsonString(), again.ToJsonString());
        Assert.Equal(3, await Gate.AdmittedPersonsAsync(app, ticket.BookingId));

        var operatorClient = await Gate.ClientWithRoleAsync(app, "operator");
        var conflicts = await operatorClient.GetAsync("/api/v1/gate/conflicts").ExpectJson(HttpStatusCode.OK);
        var item = Assert.Single(conflicts["items"]!.AsArray())!;
        Assert.Equal(ticket.BookingId, (string)item["bookingId"]!);
        Assert.Equal("west-1", (string)item["gateId"]!);
        Assert.Equal("already_used", (string)item["reason"]!);
        Assert.Equal(3, (int)item["persons"]!);
        Assert.Equal("east-1", (string)item["firstGateId"]!);
        Assert.StartsWith("2026-12-20T10:32:00", (string)item["scannedAt"]!);
        await online.GetAsync("/api/v1/gate/conflicts").ExpectProblem(HttpStatusCode.Forbidden, "forbidden");
    }

    [Theory, Engines]
    public async Task Offline_scans_are_decided_at_their_scan_time_and_refusals_are_recorded_not_counted(string engine)
    {
        using var app = new TestApp(engine);
        var admitted = await Gate.ConfirmedTicketAsync(app);
        var refused = await Gate.ConfirmedTicketAsync(app);
        app.Clock.Set(Gate.SlotStart.AddHours(3)); // long after the window; the scans happened inside it
        var gate = await Gate.ClientWithRoleAsync(app, "gate", "west-1");

        var first = await gate.ScanOkAsync(admitted.Code, "west-1", admit: 3, scannedAt: Gate.SlotStart, offlineResult: "admitted");
        Assert.Equal("admitted", (string)first["result"]!);
        Assert.False((bool)first["conflict"]!);
        var no = await gate.ScanAsync(refused.Code, "west-1", scannedAt: Gate.SlotStart, offlineResult: "rejected", offlineReason: "revoked")
            .ExpectJson(HttpStatusCode.OK);
        Assert.Equal(("rejected", "revoked"), ((string)no["result"]!, (string)no["reason"]!));
        Assert.Equal(3, await Gate.AdmittedPersonsAsync(app, admitted.BookingId));
        Assert.Equal(0, await Gate.AdmittedPersonsAsync(app, refused.BookingId));
        await using var connection = await app.Db.OpenAsync();
        Assert.Equal(1, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM gate_scans WHERE offline = 1 AND result = 'rejected'"));
    }

    [Theory, Engines]
    public async Task The_offline_bundle_carries_keys_revocations_used_tickets_and_the_window(string engine)
    {
        using var app = new TestApp(engine);
        var used = await Gate.ConfirmedTicketAsync(app);
        var cancelled = await Gate.ConfirmedTicketAsync(app);
        var moved = await Gate.ConfirmedTicketAsync(app);
        await using (var connection = await app.Db.OpenAsync())
        {
            await connection.ExecuteAsync("UPDATE bookings SET status = 'cancelled' WHERE id = @BookingId", cancelled);
            await connection.ExecuteAsync("UPDATE bookings SET ticket_serial = 2 WHERE id = @BookingId", moved);
        }
        app.Clock.Set(Gate.SlotStart);
        var gate = await Gate.ClientWithRoleAsync(app, "gate");
        await gate.ScanOkAsync(used.Code, "east-1", admit: 2);

        var bundle = await gate.GetAsync("/api/v1/gate/offline-bundle").ExpectJson(HttpStatusCode.OK);
        Assert.Equal("2026-12-20", (string)bundle["date"]!);
        Assert.Equal(540, (int)bundle["utcOffsetMinutes"]!);
        Assert.Equal(15, (int)bundle["window"]!["beforeStartMinutes"]!);
        Assert.Equal(30, (int)bundle["window"]!["afterEndMinutes"]!);
        Assert.Equal(15, (int)bundle["window"]!["slotMinutes"]!);

        var key = bundle["keys"]!.AsArray().Single()!;
        var spki = Convert.FromBase64String((string)key["spki"]!);
        var verifier = new TicketKeys((string)key["keyId"]!, null, new Dictionary<string, byte[]> { [(string)key["keyId"]!] = spki });
        Assert.NotNull(verifier.Verify(used.Code));

        var revoked = bundle["revoked"]!.AsArray().ToDictionary(r => (string)r!["bookingId"]!, r => r!["validSerial"]);
        Assert.Null(revoked[cancelled.BookingId]);
        Assert.Equal(2, (int)revoked[moved.BookingId]!);
        Assert.False(revoked.ContainsKey(used.BookingId));

        var entry = bundle["used"]!.AsArray().Single()!;
        Assert.Equal((used.BookingId, 2, 3, "east-1"),
            ((string)entry["bookingId"]!, (int)entry["admitted"]!, (int)entry["persons"]!, (string)entry["firstGateId"]!));
    }

    [Theory, Engines]
    public async Task The_ticket_keys_are_published_by_key_id(string engine)
    {
        using var app = new TestApp(engine);
        var keys = await app.CreateClient().GetAsync("/api/v1/tickets/keys").ExpectJson(HttpStatusCode.OK);
        var key = keys["keys"]!.AsArray().Single()!;
        Assert.Equal("ES256", (string)key["algorithm"]!);
        Assert.Equal("P-256", (string)key["jwk"]!["crv"]!);
        Assert.True((bool)key["active"]!);
        Assert.Equal(app.Get<TicketKeys>().ActiveKeyId, (string)key["keyId"]!);
        Assert.IsType<JsonValue>(key["spki"], exactMatch: false);
    }
}
