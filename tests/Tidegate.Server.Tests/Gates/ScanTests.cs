using Dapper;
using Tidegate.Domain.Tickets;

namespace Tidegate.Server.Tests.Gates;

public class ScanTests
{
    [Theory, Engines]
    public async Task A_party_is_admitted_once_and_a_second_scan_names_the_first_gate_and_time(string engine)
    {
        using var app = new TestApp(engine);
        var ticket = await Gate.ConfirmedTicketAsync(app);
        var gate = await Gate.ClientWithRoleAsync(app, "gate");
        // Frozen: the first scan's time is read back to the second (a running clock passed 10:25:01 on a slow machine).
        app.Clock.Freeze(Gate.SlotStart.AddMinutes(-5));

        var first = await gate.ScanOkAsync(ticket.Code, "east-1");
        Assert.Equal("admitted", (string)first["result"]!);
        Assert.Null(first["reason"]);
        Assert.Equal(3, (int)first["persons"]!);
        Assert.Equal(3, (int)first["admitted"]!);
        Assert.Equal(0, (int)first["remaining"]!);
        Assert.Equal("2026-12-20T10:30:00+09:00", (string)first["slot"]!["start"]!);

        app.Clock.Set(Gate.SlotStart.AddMinutes(2));
        var second = await gate.ScanOkAsync(ticket.Code, "west-2");
        Assert.Equal("rejected", (string)second["result"]!);
        Assert.Equal("already_used", (string)second["reason"]!);
        Assert.Equal("east-1", (string)second["firstGateId"]!);
        Assert.StartsWith("2026-12-20T10:25:00", (string)second["firstUsedAt"]!);
        Assert.EndsWith("+09:00", (string)second["firstUsedAt"]!);
        Assert.Equal(0, (int)second["admitted"]!);
        Assert.Equal(3, await Gate.AdmittedPersonsAsync(app, ticket.BookingId));
    }

    [Theory, Engines]
    public async Task Staff_admit_part_of_the_party_and_the_rest_later(string engine)
    {
        using var app = new TestApp(engine);
        var ticket = await Gate.ConfirmedTicketAsync(app);
        var gate = await Gate.ClientWithRoleAsync(app, "gate");
        app.Clock.Set(Gate.SlotStart);

        var part = await gate.ScanOkAsync(ticket.Code, admit: 2);
        Assert.Equal(("admitted", 2, 1), ((string)part["result"]!, (int)part["admitted"]!, (int)part["remaining"]!));
        var rest = await gate.ScanOkAsync(ticket.Code, "east-2");
        Assert.Equal(("admitted", 1, 0), ((string)rest["result"]!, (int)rest["admitted"]!, (int)rest["remaining"]!));
        Assert.Equal(3, (int)rest["admittedTotal"]!);
        var again = await gate.ScanOkAsync(ticket.Code);
        Assert.Equal("already_used", (string)again["reason"]!);
        Assert.Equal("east-1", (string)again["firstGateId"]!);
        Assert.Equal(3, await Gate.AdmittedPersonsAsync(app, ticket.BookingId));
    }

    [Theory, Engines]
    public async Task The_same_nonce_twice_returns_the_same_decision_and_counts_once(string engine)
    {
        using var app = new TestApp(engine);
        var ticket = await Gate.ConfirmedTicketAsync(app);
        var gate = await Gate.ClientWithRoleAsync(app, "gate");
        app.Clock.Set(Gate.SlotStart);

        var first = await gate.ScanOkAsync(ticket.Code, admit: 1, nonce: "retry-1");
        var repeat = await gate.ScanOkAsync(ticket.Code, admit: 1, nonce: "retry-1");
        Assert.Equal(first.ToJsonString(), repeat.ToJsonString());
        Assert.Equal(1, await Gate.AdmittedPersonsAsync(app, ticket.BookingId));

        // Concurrent repeats of one nonce: still one admission.
        var burst = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => gate.ScanOkAsync(ticket.Code, admit: 1, nonce: "burst-1")));
        Assert.All(burst, b => Assert.Equal(burst[0].ToJsonString(), b.ToJsonString()));
        Assert.Equal(2, await Gate.AdmittedPersonsAsync(app, ticket.BookingId));
        Assert.Equal(2, await Gate.ScannedAdmissionsAsync(app, ticket.BookingId));
    }

    [Theory, Engines]
    public async Task Tampered_truncated_foreign_and_garbage_codes_are_invalid_and_recorded(string engine)
    {
        using var app = new TestApp(engine);
        var ticket = await Gate.ConfirmedTicketAsync(app);
        var gate = await Gate.ClientWithRoleAsync(app, "gate");
        app.Clock.Set(Gate.SlotStart);
        var bytes = Base64Url.Decode(ticket.Code)!;
        bytes[^10] ^= 0x40;
        var forged = TicketKeys.Generate(TicketCode.Parse(ticket.Code)!.KeyId).Sign(TicketCode.Parse(ticket.Code)!.Claims);
        string[] codes = [Base64Url.Encode(bytes), ticket.Code[..^3], ticket.Code[..40], forged, "garbage", "https://example.com/?q=1", new string('x', 1000)];

        foreach (var code in codes)
        {
            var decision = await gate.ScanOkAsync(code);
            Assert.Equal(("rejected", "invalid"), ((string)decision["result"]!, (string)decision["reason"]!));
            Assert.Equal(0, (int)decision["admitted"]!);
        }
        Assert.Equal(0, await Gate.AdmittedPersonsAsync(app, ticket.BookingId));
        await using var connection = await app.Db.OpenAsync();
        Assert.Equal(codes.Length, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM gate_scans WHERE reason = 'invalid'"));
        Assert.Equal("admitted", (string)(await gate.ScanOkAsync(ticket.Code))["result"]!);
    }

    [Theory, Engines]
    public async Task Cancelled_and_moved_tickets_are_revoked_and_unpaid_ones_not_paid(string engine)
    {
        using var app = new TestApp(engine);
        var cancelled = await Gate.ConfirmedTicketAsync(app);
        var moved = await Gate.ConfirmedTicketAsync(app);
        var client = app.CreateClient();
        var held = await client.PostJson("/api/v1/bookings", Api.Guest(email: "held@example.com")).ExpectJson(HttpStatusCode.Created);
        var heldCode = app.Get<TicketKeys>().Sign(new TicketClaims(Guid.Parse((string)held["bookingId"]!), new DateOnly(2026, 12, 20), 630, 2, 1));
        await using (var connection = await app.Db.OpenAsync())
        {
            await connection.ExecuteAsync("UPDATE bookings SET status = 'cancelled' WHERE id = @BookingId", cancelled);
            await connection.ExecuteAsync("UPDATE bookings SET ticket_serial = ticket_serial + 1 WHERE id = @BookingId", moved);
        }
        var gate = await Gate.ClientWithRoleAsync(app, "gate");
        app.Clock.Set(Gate.SlotStart);

        Assert.Equal("revoked", (string)(await gate.ScanOkAsync(cancelled.Code))["reason"]!);
        Assert.Equal("revoked", (string)(await gate.ScanOkAsync(moved.Code))["reason"]!);
        Assert.Equal("not_paid", (string)(await gate.ScanOkAsync(heldCode))["reason"]!);
        var newCode = (string)(await client.GetBooking(moved.BookingId, moved.AccessKey).Json())["ticketCode"]!;
        Assert.Equal("admitted", (string)(await gate.ScanOkAsync(newCode))["result"]!);
    }

    [Theory, Engines]
    public async Task Other_days_are_wrong_date_and_the_window_is_enforced(string engine)
    {
        using var app = new TestApp(engine);
        var ticket = await Gate.ConfirmedTicketAsync(app);
        var gate = await Gate.ClientWithRoleAsync(app, "gate");

        app.Clock.Set(Gate.SlotStart.AddDays(-1));
        Assert.Equal("wrong_date", (string)(await gate.ScanOkAsync(ticket.Code))["reason"]!);
        app.Clock.Set(Gate.SlotStart.AddDays(1));
        Assert.Equal("wrong_date", (string)(await gate.ScanOkAsync(ticket.Code))["reason"]!);

        app.Clock.Set(Gate.SlotStart.AddMinutes(-16));
        var early = await gate.ScanOkAsync(ticket.Code);
        Assert.Equal("too_early", (string)early["reason"]!);
        Assert.Equal("2026-12-20T10:15:00+09:00", (string)early["validFrom"]!);

        app.Clock.Set(Gate.SlotStart.AddMinutes(15 + 30).AddSeconds(1));
        Assert.Equal("too_late", (string)(await gate.ScanOkAsync(ticket.Code))["reason"]!);
        Assert.Equal(0, await Gate.AdmittedPersonsAsync(app, ticket.BookingId));
    }

    [Fact]
    public async Task The_window_comes_from_configuration()
    {
        using var app = new TestApp("sqlite", new Dictionary<string, string?> { ["Tidegate:Gates:EntryBeforeMinutes"] = "60" });
        var ticket = await Gate.ConfirmedTicketAsync(app);
        var gate = await Gate.ClientWithRoleAsync(app, "gate");
        app.Clock.Set(Gate.SlotStart.AddMinutes(-50));
        Assert.Equal("admitted", (string)(await gate.ScanOkAsync(ticket.Code))["result"]!);
    }

    [Theory]
    [InlineData(null, HttpStatusCode.Unauthorized, "unauthorized")]
    [InlineData("member", HttpStatusCode.Forbidden, "forbidden")]
    [InlineData("operator", HttpStatusCode.Forbidden, "forbidden")]
    [InlineData("partner", HttpStatusCode.Forbidden, "forbidden")]
    public async Task Only_gate_devices_scan(string? role, HttpStatusCode status, string code)
    {
        using var app = new TestApp("sqlite");
        var ticket = await Gate.ConfirmedTicketAsync(app);
        var client = role is null ? app.CreateClient() : await Gate.ClientWithRoleAsync(app, role);
        app.Clock.Set(Gate.SlotStart);
        await client.ScanAsync(ticket.Code).ExpectProblem(status, code);
        await client.PostJson("/api/v1/gate/exits", new { gateId = "west-1", count = 1 }).ExpectProblem(status, code);
        await client.GetAsync("/api/v1/gate/offline-bundle").ExpectProblem(status, code);
        Assert.Equal(0, await Gate.AdmittedPersonsAsync(app, ticket.BookingId));
    }

    [Theory]
    [InlineData("""{"gateId":"east-1","nonce":"n1"}""", "code")]
    [InlineData("""{"code":"x","nonce":"n1"}""", "gateId")]
    [InlineData("""{"code":"x","gateId":"east 1","nonce":"n1"}""", "gateId")]
    [InlineData("""{"code":"x","gateId":"east-1"}""", "nonce")]
    [InlineData("""{"code":"x","gateId":"east-1","nonce":"n1","admit":0}""", "admit")]
    [InlineData("""{"code":"x","gateId":"east-1","nonce":"n1","admit":"2"}""", "admit")]
    [InlineData("""{"code":"x","gateId":"east-1","nonce":"n1","scannedAt":"yesterday"}""", "scannedAt")]
    [InlineData("""{"code":"x","gateId":"east-1","nonce":"n1","offlineResult":"admitted"}""", "scannedAt")]
    public async Task Malformed_scans_are_invalid_requests_naming_the_field(string body, string field)
    {
        using var app = new TestApp("sqlite");
        var gate = await Gate.ClientWithRoleAsync(app, "gate");
        var problem = await gate.PostRaw("/api/v1/gate/scans", body).ExpectProblem(HttpStatusCode.BadRequest, "invalid_request");
        Assert.Equal(field, (string)problem["field"]!);
    }
}
