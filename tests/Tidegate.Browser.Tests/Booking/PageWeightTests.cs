using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Tidegate.Browser.Tests.Support;
using Tidegate.Server.Tests.Support;

namespace Tidegate.Browser.Tests.Booking;

/// <summary>
/// Weighs every visitor page and the gate page on a cold first load (HTML, CSS, scripts, images), writes the
/// figures to TestResults/page-weights.txt and holds them under the 150 KB budget of a phone page.
/// </summary>
[Collection(BrowserCollection.Name)]
public class PageWeightTests(Browsers browsers)
{
    private const int Budget = 150 * 1024;

    [BrowserFact]
    public async Task Every_visitor_page_and_the_gate_page_weighs_under_150_KB_on_first_load()
    {
        using var app = new TestApp("sqlite");
        var created = await (await app.CreateClient().PostAsJsonAsync("/api/v1/bookings", Api.Guest(email: "held@example.com"))).Json();
        var ticket = await Gate.ConfirmedTicketAsync(app);
        var paying = await app.CreateClient().PostJson("/api/v1/bookings", Api.Guest(email: "paying@example.com")).ExpectJson(HttpStatusCode.Created);
        var checkout = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/bookings/{paying["bookingId"]}/checkout");
        checkout.Headers.Add("X-Booking-Key", (string)paying["accessKey"]!);
        var payment = await (await app.CreateClient().SendAsync(checkout)).ExpectJson(HttpStatusCode.Created);
        var key = Uri.EscapeDataString(ticket.AccessKey);
        var pages = new[]
        {
            "/", "/day/2026-12-20", "/book/2026-12-20/10:30",
            $"/booking/{created["bookingId"]}?key={Uri.EscapeDataString((string)created["accessKey"]!)}",
            new Uri((string)payment["paymentUrl"]!).PathAndQuery,
            $"/tickets/{ticket.BookingId}?key={key}",
            $"/tickets/{ticket.BookingId}/receipt?key={key}",
            $"/tickets/{ticket.BookingId}/change?key={key}&date=2026-12-20",
            $"/tickets/{ticket.BookingId}/cancel?key={key}",
            "/queue/2026-12-20", "/congestion", "/find",
            "/legal/terms", "/legal/cancellation", "/legal/privacy", "/legal/tokushoho",
            "/gate",
        };
        var lines = new List<string>();
        foreach (var path in pages)
        {
            var page = await browsers.NewPageAsync(app.ClientOptions.BaseAddress.ToString(), Browsers.Phone, "ja-JP");
            var requests = new List<IRequest>();
            page.RequestFinished += (_, request) => requests.Add(request);
            await page.GotoAsync(path, new PageGotoOptions { WaitUntil = WaitUntilState.NetworkIdle });
            var bytes = 0L;
            foreach (var request in requests.ToList())
            {
                var sizes = await request.SizesAsync();
                bytes += sizes.ResponseBodySize + sizes.ResponseHeadersSize;
            }
            await page.Context.CloseAsync();
            lines.Add($"{bytes,8} bytes  {Regex.Replace(path.Split('?')[0], "[0-9a-f-]{36}|sbx_[0-9a-f]+", "{id}")}");
            Assert.True(bytes < Budget, $"{path} weighs {bytes} bytes");
            Assert.True(bytes > 1000, $"{path} weighs only {bytes} bytes: nothing was measured");
        }
        Directory.CreateDirectory(Path.GetDirectoryName(Screens.Folder)!);
        await File.WriteAllLinesAsync(Path.Combine(Path.GetDirectoryName(Screens.Folder)!, "page-weights.txt"), lines);
    }
}
