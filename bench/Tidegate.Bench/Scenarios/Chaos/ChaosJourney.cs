using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Tidegate.Bench.Scenarios.Chaos;

/// <summary>What the server told the visitors: the holds it acknowledged (201) and the payments the sandbox said succeeded.</summary>
public sealed class Told
{
    public ConcurrentDictionary<string, int> Holds { get; } = new();          // booking id → persons
    public ConcurrentDictionary<string, string> Paid { get; } = new();        // sandbox payment id → booking id
    public ConcurrentDictionary<string, int> Outcomes { get; } = new();

    public void Outcome(string what) => Outcomes.AddOrUpdate(what, 1, (_, n) => n + 1);
}

/// <summary>
/// One visitor of the chaos rush: the waiting room and the booking as in midnight-rush, every call
/// retried like a browser would (the booking with the same Idempotency-Key); a visitor whose hold
/// was acknowledged goes on to checkout and pays; every other one follows the return link the
/// sandbox sends it back to (the rest are left to the webhooks and reconciliation).
/// </summary>
public static class ChaosJourney
{
    private static readonly object Card = new { cardNumber = "4242424242424242", expiry = "12/30", cvc = "123" };

    public static async Task RunAsync(Visitors site, ChaosClient client, Told told, Stopwatch clock, double arrivedMs, int i,
        bool recommendationsExist)
    {
        Call call = client.CallAsync;
        var party = 1 + i % 4;
        var admitted = await Rush.AdmitAsync(site, call, clock, arrivedMs);
        if (admitted.Token is not { } admission) { told.Outcome(admitted.Outcome!); return; }
        await call("availability", () => site.GetAsync($"/api/v1/availability?date={Rush.Date}"));
        var start = Rush.PreferredStart();
        var (status, held) = await BookAsync(start);
        if (status == 409 && (string?)held?["code"] == "sold_out"
            && await Rush.AlternativeAsync(site, call, recommendationsExist, start, party) is { } alternative)
            (status, held) = await BookAsync(alternative);
        if (status != 201) { told.Outcome(status == 409 ? $"booking 409 {(string?)held?["code"]}" : $"booking {status}"); return; }
        var bookingId = (string)held!["bookingId"]!;
        var accessKey = (string)held["accessKey"]!;
        told.Holds[bookingId] = party;

        var checkout = await call("checkout", () => site.PostAsync($"/api/v1/bookings/{bookingId}/checkout", null, ("X-Booking-Key", accessKey)));
        if (checkout.Status != 201) { told.Outcome($"checkout {checkout.Status} {(string?)checkout.Body?["code"]}"); return; }
        var paymentId = (string)checkout.Body!["paymentId"]!;
        var paid = await call("pay", () => site.PostAsync($"/sandbox/payments/{paymentId}/pay", Card));
        if (paid.Status != 200 || (string?)paid.Body?["status"] != "succeeded")
        {
            told.Outcome(paid.Status == 404 ? "pay 404 (the sandbox no longer knows the payment)" : $"pay {paid.Status}");
            return;
        }
        told.Paid[paymentId] = bookingId;
        told.Outcome("paid");
        if (i % 2 == 0)
            await call("return", () => site.GetAsync($"/payments/return/{bookingId}?key={Uri.EscapeDataString(accessKey)}"));

        Task<(int Status, JsonNode? Body)> BookAsync(string at)
        {
            var key = $"chaos-{i}-{at}-{Guid.NewGuid():N}";
            return call("book", () => site.PostAsync("/api/v1/bookings", Visitors.Booking(Rush.Date, at, party, $"chaos{i}@example.com"),
                ("X-Admission-Token", admission), ("Idempotency-Key", key)));
        }
    }
}
