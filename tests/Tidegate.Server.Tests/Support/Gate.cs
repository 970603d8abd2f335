using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Dapper;

namespace Tidegate.Server.Tests.Support;

/// <summary>Helpers for ticket and gate tests: confirmed bookings with their codes, role tokens, scans.</summary>
public static class Gate
{
    public sealed record Ticket(string BookingId, string AccessKey, string Code);

    /// <summary>Books (as a guest, at the default clock), confirms, and reads the ticket code from the booking.</summary>
    public static async Task<Ticket> ConfirmedTicketAsync(TestApp app, string date = "2026-12-20", string start = "10:30", int adult = 2,
        int child = 1, string? email = null)
    {
        var client = app.CreateClient();
        var created = await client.PostJson("/api/v1/bookings",
            Api.Guest(date, start, adult, child, email ?? $"guest-{Guid.NewGuid():N}@example.com")).ExpectJson(HttpStatusCode.Created);
        var id = (string)created["bookingId"]!;
        var key = (string)created["accessKey"]!;
        await Confirmations.ConfirmAsync(app, id, key);
        var booking = await client.GetBooking(id, key).ExpectJson(HttpStatusCode.OK);
        return new Ticket(id, key, (string)booking["ticketCode"]!);
    }

    /// <summary>A client with a long-lived token of that role, so tests may move the clock to the visit day.</summary>
    public static Task<HttpClient> ClientWithRoleAsync(TestApp app, string role, string? subject = null)
    {
        var client = app.CreateClient();
        var token = app.Get<Tidegate.Server.Infrastructure.Auth.Tokens>().Issue(role, subject ?? $"test-{role}", TimeSpan.FromDays(400));
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return Task.FromResult(client);
    }

    public static Task<HttpResponseMessage> ScanAsync(this HttpClient client, string code, string gateId = "east-1", int? admit = null,
        string? nonce = null, DateTimeOffset? scannedAt = null, string? offlineResult = null, string? offlineReason = null) =>
        client.PostJson("/api/v1/gate/scans",
            new { code, gateId, admit, nonce = nonce ?? Guid.NewGuid().ToString("N"), scannedAt, offlineResult, offlineReason });

    public static async Task<JsonNode> ScanOkAsync(this HttpClient client, string code, string gateId = "east-1", int? admit = null,
        string? nonce = null, DateTimeOffset? scannedAt = null, string? offlineResult = null) =>
        await client.ScanAsync(code, gateId, admit, nonce, scannedAt, offlineResult).ExpectJson(HttpStatusCode.OK);

    public static async Task<long> AdmittedPersonsAsync(TestApp app, string bookingId)
    {
        await using var connection = await app.Db.OpenAsync();
        return await connection.ExecuteScalarAsync<long>("SELECT admitted_persons FROM bookings WHERE id = @bookingId", new { bookingId });
    }

    public static async Task<long> ScannedAdmissionsAsync(TestApp app, string bookingId)
    {
        await using var connection = await app.Db.OpenAsync();
        return await connection.ExecuteScalarAsync<long>("SELECT COALESCE(SUM(admitted), 0) FROM gate_scans WHERE booking_id = @bookingId", new { bookingId });
    }

    public static readonly DateTimeOffset SlotStart = new(2026, 12, 20, 10, 30, 0, TimeSpan.FromHours(9));
}
