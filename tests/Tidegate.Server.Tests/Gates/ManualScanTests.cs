using System.Net.Http.Headers;

namespace Tidegate.Server.Tests.Gates;

/// <summary>
/// POST /api/v1/gate/manual-scans: staff type the booking number when a QR will not read. Same
/// rules as a scan (window, date, paid, live ticket, once), same nonce handling, gate devices only.
/// </summary>
public class ManualScanTests
{
    private static Task<HttpResponseMessage> ManualAsync(HttpClient client, string bookingId, string gateId = "east-1", int? admit = null, string? nonce = null) =>
        client.PostJson("/api/v1/gate/manual-scans", new { bookingId, gateId, admit, nonce = nonce ?? Guid.NewGuid().ToString("N") });

    [Theory, Engines]
    public async Task A_booking_number_admits_the_party_once_within_the_window_like_its_code(string engine)
    {
        using var app = new TestApp(engine);
        var ticket = await Gate.ConfirmedTicketAsync(app);
        var other = await Gate.ConfirmedTicketAsync(app);
        var gate = await Gate.ClientWithRoleAsync(app, "gate");

        app.Clock.Set(Gate.SlotStart.AddDays(-1));
        var early = await ManualAsync(gate, ticket.BookingId).ExpectJson(HttpStatusCode.OK);
        Assert.Equal(("rejected", "wrong_date"), ((string)early["result"]!, (string)early["reason"]!));
        Assert.Equal("2026-12-20T10:30:00+09:00", (string)early["slot"]!["start"]!); // the page shows the ticket's date from it
        app.Clock.Set(Gate.SlotStart.AddMinutes(-30));
        Assert.Equal("too_early", (string)(await ManualAsync(gate, ticket.BookingId).ExpectJson(HttpStatusCode.OK))["reason"]!);

        app.Clock.Set(Gate.SlotStart);
        var part = await ManualAsync(gate, ticket.BookingId.ToUpperInvariant(), admit: 2, nonce: "manual-1").ExpectJson(HttpStatusCode.OK);
        Assert.Equal(("admitted", 2, 1), ((string)part["result"]!, (int)part["admitted"]!, (int)part["remaining"]!));
        var repeat = await ManualAsync(gate, ticket.BookingId, admit: 2, nonce: "manual-1").ExpectJson(HttpStatusCode.OK);
        Assert.Equal(part.ToJsonString(), repeat.ToJsonString()); // a retried request counts once
        var rest = await gate.ScanOkAsync(ticket.Code, "west-2"); // the QR and the number share one count
        Assert.Equal(("admitted", 1), ((string)rest["result"]!, (int)rest["admitted"]!));
        var again = await ManualAsync(gate, ticket.BookingId).ExpectJson(HttpStatusCode.OK);
        Assert.Equal(("rejected", "already_used", "east-1"), ((string)again["result"]!, (string)again["reason"]!, (string)again["firstGateId"]!));
        Assert.Equal(3, await Gate.AdmittedPersonsAsync(app, ticket.BookingId));

        app.Clock.Set(Gate.SlotStart.AddHours(3));
        Assert.Equal("too_late", (string)(await ManualAsync(gate, other.BookingId).ExpectJson(HttpStatusCode.OK))["reason"]!);
        Assert.Equal(0, await Gate.AdmittedPersonsAsync(app, other.BookingId));
    }

    [Theory, Engines]
    public async Task Unpaid_cancelled_and_unknown_bookings_are_refused_and_recorded(string engine)
    {
        using var app = new TestApp(engine);
        var client = app.CreateClient();
        var held = await client.PostJson("/api/v1/bookings", Api.Guest(email: "held@example.com")).ExpectJson(HttpStatusCode.Created);
        var cancelled = await Gate.ConfirmedTicketAsync(app);
        var cancel = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/bookings/{cancelled.BookingId}/cancel");
        cancel.Headers.Add("X-Booking-Key", cancelled.AccessKey);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(cancel)).StatusCode);
        var gate = await Gate.ClientWithRoleAsync(app, "gate");
        app.Clock.Set(Gate.SlotStart);

        Assert.Equal("not_paid", (string)(await ManualAsync(gate, (string)held["bookingId"]!).ExpectJson(HttpStatusCode.OK))["reason"]!);
        Assert.Equal("revoked", (string)(await ManualAsync(gate, cancelled.BookingId).ExpectJson(HttpStatusCode.OK))["reason"]!);
        var unknown = await ManualAsync(gate, Guid.CreateVersion7().ToString(), nonce: "unknown-1").ExpectJson(HttpStatusCode.OK);
        Assert.Equal(("rejected", "invalid"), ((string)unknown["result"]!, (string)unknown["reason"]!));
        await ManualAsync(gate, "12345").ExpectProblem(HttpStatusCode.BadRequest, "invalid_request");
        await using var connection = await app.Db.OpenAsync();
        Assert.Equal("invalid", await Dapper.SqlMapper.ExecuteScalarAsync<string>(connection,
            "SELECT reason FROM gate_scans WHERE nonce = 'unknown-1'"));
    }

    [Theory, Engines]
    public async Task Only_gate_devices_may_admit_by_number(string engine)
    {
        using var app = new TestApp(engine);
        var ticket = await Gate.ConfirmedTicketAsync(app);
        app.Clock.Set(Gate.SlotStart);

        await ManualAsync(app.CreateClient(), ticket.BookingId).ExpectProblem(HttpStatusCode.Unauthorized, "unauthorized");
        foreach (var role in new[] { "operator", "analyst", "partner" })
            Assert.Equal(HttpStatusCode.Forbidden, (await ManualAsync(await Gate.ClientWithRoleAsync(app, role), ticket.BookingId)).StatusCode);
        Assert.Equal(0, await Gate.AdmittedPersonsAsync(app, ticket.BookingId));
    }
}
