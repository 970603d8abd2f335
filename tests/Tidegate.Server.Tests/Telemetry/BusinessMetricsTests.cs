using Tidegate.Server.Tests.Payments;
using Tidegate.Server.Tests.Queue;

namespace Tidegate.Server.Tests.Telemetry;

/// <summary>
/// The business meters count in memory, process-wide: these tests run alone (no other test app
/// booking or scanning beside them), so each finds exactly what it did.
/// </summary>
[CollectionDefinition(nameof(BusinessMetricsTests), DisableParallelization = true)]
public sealed class MetricsCollection;

[Collection(nameof(BusinessMetricsTests))]
public class BusinessMetricsTests
{
    [Theory, Engines]
    public async Task After_a_booking_a_payment_and_a_scan_the_metrics_show_each(string engine)
    {
        using var app = PaymentFlow.Start(engine);
        var visitor = app.CreateClient();
        var (id, key, _) = await PaymentFlow.BookAsync(visitor, email: "metrics@example.com");
        // The same person again on the same day: refused by the hold writer (limit_exceeded).
        await visitor.PostJson("/api/v1/bookings", Api.Guest(email: "metrics@example.com")).ExpectProblem((HttpStatusCode)422, "limit_exceeded");
        var paymentId = await PaymentFlow.CheckoutAsync(visitor, id, key);
        Assert.Equal("succeeded", await PaymentFlow.PayAsync(visitor, paymentId));
        var booking = await PaymentFlow.WaitForStatusAsync(visitor, id, key, "confirmed");
        app.Clock.Set(Gate.SlotStart);
        var gate = await Gate.ClientWithRoleAsync(app, "gate");
        Assert.Equal("admitted", (string)(await gate.ScanOkAsync((string)booking["ticketCode"]!))["result"]!);

        var staff = await Gate.ClientWithRoleAsync(app, "operator");
        var scrape = await Scrape.UntilAsync(staff, s =>
            s.Value("tidegate_payments_webhook_lag_seconds_count") >= 1 && s.Value("tidegate_gate_scans_total") >= 1);

        Assert.Equal(1, scrape.Value("tidegate_holds_committed_total"));
        Assert.Equal(1, scrape.Value("tidegate_holds_refused_total", ("reason", "limit_exceeded")));
        Assert.Equal(1, scrape.Value("tidegate_holds_refused_total"));
        Assert.Equal(1, scrape.Value("tidegate_payments_outcomes_total", ("outcome", "confirmed")));
        Assert.Equal(1, scrape.Value("tidegate_payments_outcomes_total"));
        Assert.Equal(1, scrape.Value("tidegate_gate_scans_total", ("result", "admitted"), ("reason", "none")));
        Assert.Equal(1, scrape.Value("tidegate_gate_scans_total"));
        // The sandbox's events are created by the same clock that receives them: a lag of seconds at most.
        Assert.InRange(scrape.Value("tidegate_payments_webhook_lag_seconds_sum")!.Value, 0, 5 * scrape.Value("tidegate_payments_webhook_lag_seconds_count")!.Value);
        // Both holds went through the hold writer, the scan through the scan writer.
        Assert.Equal(2, scrape.Value("tidegate_writer_batch_size_sum", ("writer", "hold writer")));
        Assert.Equal(1, scrape.Value("tidegate_writer_batch_size_sum", ("writer", "scan writer")));
        Assert.True(scrape.Value("tidegate_writer_busy_milliseconds_total", ("writer", "hold writer")) > 0);
        Assert.Equal(0, scrape.Value("tidegate_queue_length"));
        Assert.NotNull(scrape.Value("tidegate_mail_outbox_age_seconds"));
        Assert.NotNull(scrape.Value("http_server_request_duration_seconds_count"));
        Assert.NotNull(scrape.Value("dotnet_gc_collections_total"));
    }

    [Theory, Engines]
    public async Task The_waiting_room_shows_its_length_and_its_admissions(string engine)
    {
        using var app = QueueClient.App(engine, rate: 5, maxOutstanding: 1);
        var tickets = new List<string>();
        for (var i = 0; i < 3; i++) tickets.Add((string)(await app.CreateClient().JoinAsync())["ticket"]!);

        var staff = await Gate.ClientWithRoleAsync(app, "operator");
        // One admission may be outstanding at a time: the first is admitted, two wait.
        var scrape = await Scrape.UntilAsync(staff, s => s.Value("tidegate_queue_admitted_total") >= 1 && s.Value("tidegate_queue_length") == 2);
        Assert.Equal(1, scrape.Value("tidegate_queue_admitted_total"));
        Assert.Equal(2, scrape.Value("tidegate_queue_length", ("date", "2026-12-20")));
        Assert.Equal(3, scrape.Value("tidegate_writer_batch_size_sum", ("writer", "queue writer")));
    }
}
