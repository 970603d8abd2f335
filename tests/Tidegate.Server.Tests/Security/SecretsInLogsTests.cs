using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Tidegate.Server.Tests.Payments;
using Tidegate.Server.Tests.Queue;

namespace Tidegate.Server.Tests.Security;

/// <summary>
/// Access keys, admission tokens and queue tickets are bearer secrets that travel in URLs and
/// headers: at the most verbose log level, no log line of a whole journey holds one.
/// </summary>
public class SecretsInLogsTests
{
    [Theory, Engines]
    public async Task A_whole_journey_logs_no_access_key_admission_token_or_queue_ticket(string engine)
    {
        var sink = new LogCapture();
        using var app = new TestApp(engine, new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Default"] = "Trace", ["Logging:LogLevel:Microsoft.AspNetCore"] = "Trace",
            ["Tidegate:Queue:AutoGuard"] = "true", ["Tidegate:Queue:TickMilliseconds"] = "50",
            ["Tidegate:Queue:AdmissionsPerSecond"] = "10", ["Tidegate:Queue:MaxOutstanding"] = "10",
        }, services => services.AddSingleton<ILoggerProvider>(sink));
        var client = app.CreateClient();
        var pages = PaymentFlow.NoRedirects(app);

        var queueTicket = (string)(await client.JoinAsync())["queueTicket"]!;
        var admission = (string)(await client.AdmittedAsync(queueTicket))["admissionToken"]!;
        var created = await client.BookAsync(admission, Api.Guest()).ExpectJson(HttpStatusCode.Created);
        var (id, key) = ((string)created["bookingId"]!, (string)created["accessKey"]!);
        await pages.GetAsync($"/booking/{id}?key={key}");
        var paymentId = await PaymentFlow.CheckoutAsync(client, id, key);
        await pages.GetAsync($"/sandbox/checkout/{paymentId}");
        Assert.Equal("succeeded", await PaymentFlow.PayAsync(client, paymentId));
        var back = await pages.GetAsync($"/payments/return/{id}?key={key}");
        Assert.Equal(HttpStatusCode.Redirect, back.StatusCode);
        await PaymentFlow.WaitForStatusAsync(client, id, key, "confirmed");
        Assert.Equal(HttpStatusCode.OK, (await pages.GetAsync(back.Headers.Location!.OriginalString)).StatusCode);
        foreach (var page in new[] { $"/tickets/{id}?key={key}", $"/api/v1/bookings/{id}/ticket.svg?key={key}",
                     $"/tickets/{id}/change?key={key}", $"/tickets/{id}/cancel?key={key}", $"/tickets/{id}?key={key}x" })
            await pages.GetAsync(page);

        Assert.Contains(sink.Lines, l => l.Contains($"/tickets/{id}")); // the journey was logged, in detail, ids and all
        var secrets = new[] { key, admission, queueTicket };
        var leaks = sink.Lines.Where(l => secrets.Any(s => l.Contains(s) || l.Contains(Uri.EscapeDataString(s)))).ToList();
        Assert.True(leaks.Count == 0, $"{leaks.Count} log lines hold a secret:\n" + string.Join("\n", leaks.Take(30)));
    }
}
