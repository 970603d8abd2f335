using System.Data.Common;
using System.Text.Json.Nodes;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Tidegate.Server.Features.Booking;
using Tidegate.Server.Features.Payments.Sandbox;

namespace Tidegate.Server.Tests.Payments;

/// <summary>Counts confirmations: proof that however many signals arrive, the steps run once.</summary>
public sealed class CountingStep : IConfirmationStep
{
    private int _count;
    public int Count => _count;

    public Task OnConfirmedAsync(DbConnection connection, DbTransaction tx, BookingRow booking, CancellationToken ct)
    {
        Interlocked.Increment(ref _count);
        return Task.CompletedTask;
    }
}

/// <summary>The steps of a card payment as a visitor (and the sandbox) take them, and the money invariants.</summary>
public static class PaymentFlow
{
    public const string Succeeds = "4242424242424242";
    public const string Declined = "4000000000000002";
    public const string InsufficientFunds = "4000000000009995";

    public static TestApp Start(string engine, CountingStep? step = null, params (string Key, string Value)[] settings)
    {
        var all = new Dictionary<string, string?>
        {
            ["Tidegate:Payments:Reconcile:IntervalSeconds"] = "3600",
            ["Tidegate:Payments:Resilience:RetryDelayMs"] = "5",
            ["Tidegate:Payments:Resilience:AttemptTimeoutMs"] = "2000",
            ["Tidegate:Payments:Resilience:BreakMs"] = "500",
        };
        foreach (var (key, value) in settings) all[key] = value;
        return new TestApp(engine, all, step is null ? null : services => services.AddSingleton<IConfirmationStep>(step));
    }

    /// <summary>A client on the real server that shows redirects instead of following them.</summary>
    public static HttpClient NoRedirects(TestApp app) =>
        new(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = app.CreateClient().BaseAddress };

    public static async Task<(string Id, string Key, int Amount)> BookAsync(HttpClient client, string email = "hanako@example.com", int adult = 2,
        int child = 1, string date = "2026-12-20", string start = "10:30")
    {
        var created = await client.PostJson("/api/v1/bookings", Api.Guest(date, start, adult, child, email)).ExpectJson(HttpStatusCode.Created);
        return ((string)created["bookingId"]!, (string)created["accessKey"]!, (int)created["amount"]!);
    }

    public static Task<HttpResponseMessage> Checkout(this HttpClient client, string id, string? key) => client.Send(HttpMethod.Post, $"/api/v1/bookings/{id}/checkout", key);

    public static Task<HttpResponseMessage> Cancel(this HttpClient client, string id, string? key) => client.Send(HttpMethod.Post, $"/api/v1/bookings/{id}/cancel", key);

    public static Task<HttpResponseMessage> Move(this HttpClient client, string id, string key, string date, string start) =>
        client.Send(HttpMethod.Post, $"/api/v1/bookings/{id}/move", key, new { date, start });

    public static async Task<string> CheckoutAsync(HttpClient client, string id, string key) =>
        (string)(await client.Checkout(id, key).ExpectJson(HttpStatusCode.Created))["paymentId"]!;

    public static async Task<string> PayAsync(HttpClient client, string paymentId, string card = Succeeds) =>
        (string)(await client.PostJson($"/sandbox/payments/{paymentId}/pay", new { cardNumber = card, expiry = "12/30", cvc = "123" })
            .ExpectJson(HttpStatusCode.OK))["status"]!;

    public static async Task<JsonNode> WaitForAsync(HttpClient client, string id, string key, Func<JsonNode, bool> done, int seconds = 15)
    {
        var until = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var booking = await client.GetBooking(id, key).ExpectJson(HttpStatusCode.OK);
            if (done(booking) || DateTime.UtcNow > until) return booking;
            await Task.Delay(100);
        }
    }

    public static Task<JsonNode> WaitForStatusAsync(HttpClient client, string id, string key, string status, int seconds = 15) =>
        WaitForAsync(client, id, key, b => (string?)b["status"] == status, seconds);

    /// <summary>
    /// No path leaves paid-without-ticket or ticket-without-payment: for every web booking, the money
    /// kept (succeeded payments − refunds) is its amount when confirmed and zero otherwise; and the
    /// sandbox's books agree with Tidegate's (every charge known, every recorded refund made).
    /// </summary>
    public static async Task AssertMoneyConsistentAsync(TestApp app)
    {
        await using var connection = await app.Db.OpenAsync();
        var wrong = (await connection.QueryAsync<string>("""
            SELECT b.id || ' ' || b.status || ' amount=' || b.amount || ' kept=' || (COALESCE(p.paid, 0) - COALESCE(r.refunded, 0))
            FROM bookings b
            LEFT JOIN (SELECT booking_id, SUM(amount) AS paid FROM payments WHERE status = 'succeeded' GROUP BY booking_id) p ON p.booking_id = b.id
            LEFT JOIN (SELECT booking_id, SUM(amount) AS refunded FROM refunds GROUP BY booking_id) r ON r.booking_id = b.id
            WHERE b.channel = 'web' AND (
                (b.status = 'confirmed' AND COALESCE(p.paid, 0) - COALESCE(r.refunded, 0) <> b.amount) OR
                (b.status <> 'confirmed' AND COALESCE(p.paid, 0) - COALESCE(r.refunded, 0) <> 0))
            """)).ToList();
        Assert.True(wrong.Count == 0, "money and bookings disagree: " + string.Join("; ", wrong));

        var ours = (await connection.QueryAsync<(string Ref, string Status, long Refunded)>("""
            SELECT p.provider_ref, p.status, COALESCE((SELECT SUM(r.amount) FROM refunds r WHERE r.payment_id = p.id AND r.status = 'succeeded'), 0)
            FROM payments p WHERE p.provider_ref IS NOT NULL
            """)).ToDictionary(p => p.Ref);
        var sandbox = app.Services.GetService<SandboxProvider>();
        foreach (var charge in (sandbox is null ? [] : await sandbox.LedgerAsync()).Where(p => p.Status == "succeeded"))
        {
            Assert.True(ours.TryGetValue(charge.Id, out var mine), $"the sandbox charged {charge.Id}, which Tidegate does not know");
            Assert.Equal("succeeded", mine.Status);
            Assert.Equal(charge.Refunded, (int)mine.Refunded);
        }
        var pendingRefunds = await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM refunds WHERE status <> 'succeeded'");
        Assert.Equal(0, pendingRefunds);
    }

    public static async Task<long> OnlineTakenAsync(TestApp app, string date = "2026-12-20", int minute = 630)
    {
        await using var connection = await app.Db.OpenAsync();
        return await connection.ExecuteScalarAsync<long>(
            "SELECT online_taken FROM slots WHERE visit_date = @date AND start_minute = @minute", new { date, minute });
    }

    private static Task<HttpResponseMessage> Send(this HttpClient client, HttpMethod method, string url, string? key, object? body = null)
    {
        var request = new HttpRequestMessage(method, url);
        if (key is not null) request.Headers.Add("X-Booking-Key", key);
        if (body is not null) request.Content = System.Net.Http.Json.JsonContent.Create(body);
        return client.SendAsync(request);
    }
}
