using System.Text.RegularExpressions;
using Tidegate.Server.Tests.Booking;

namespace Tidegate.Server.Tests.Queue;

/// <summary>
/// Issue 12, item 1, as the server answers it: before a guarded date opens its day page and the
/// calendar count down and lead into the waiting room; after 00:00 a visitor without an admission is
/// sent into the line (not to a form refused on submit); each slot state has its own words.
/// </summary>
public class MidnightPagesTests
{
    private static readonly DateTimeOffset HalfMinuteBefore = new(2026, 11, 19, 23, 59, 30, TimeSpan.FromHours(9));

    [Fact]
    public async Task Before_the_opening_the_day_page_and_calendar_count_down_and_lead_into_the_waiting_room()
    {
        using var app = QueueClient.App("sqlite");
        app.Clock.Set(HalfMinuteBefore);
        var client = PageClient.Browser(app);

        var day = await GetAsync(client, "/day/2026-12-20");
        // Half a minute left (the app's clock runs on while the page is made).
        Assert.Matches("data-countdown=\"(2\\d|30)\"", day);
        Assert.Matches("<time id=\"countdown\" datetime=\"PT(2\\d|30)S\">0:(2\\d|30)</time>", day);
        Assert.Contains("href=\"/queue/2026-12-20\"", day);
        Assert.Contains("0時に公平な抽選", day);
        // Every slot can be prepared for (party and details first), none says 受付終了.
        Assert.Equal(28, Regex.Matches(day, "href=\"/book/2026-12-20/\\d\\d:\\d\\d\"").Count);
        Assert.DoesNotContain("受付終了", day);
        Assert.Contains("countdown.js", day);

        var calendar = await GetAsync(client, "/");
        Assert.Matches("data-countdown=\"(2\\d|30)\"", calendar);
        Assert.Contains("href=\"/queue/2026-12-20\"", calendar);

        // The form can be filled in before the opening; it joins the line with the slot (and nothing personal) in the address.
        var form = await GetAsync(client, "/book/2026-12-20/10:30");
        Assert.Contains("data-prepare=\"/queue/2026-12-20?start=10:30\"", form);
        Assert.DoesNotContain("この時間帯は現在ご予約いただけません", form);
    }

    [Fact]
    public async Task After_the_opening_a_visitor_without_an_admission_goes_straight_into_the_line()
    {
        using var app = QueueClient.App("sqlite");
        var client = PageClient.Browser(app); // the clock stands at 00:00:01, inside the guarded half hour
        var day = await client.GetAsync("/day/2026-12-20");
        Assert.Equal(HttpStatusCode.Redirect, day.StatusCode);
        Assert.Equal("/queue/2026-12-20", day.Headers.Location!.OriginalString);
        var book = await client.GetAsync("/book/2026-12-20/10:30");
        Assert.Equal(HttpStatusCode.Redirect, book.StatusCode);
        Assert.Equal("/queue/2026-12-20?start=10:30", book.Headers.Location!.OriginalString);

        // With an admission from the line, the day's slots and the form are there.
        var ticket = (string)(await app.CreateClient().JoinAsync())["queueTicket"]!;
        var admission = (string)(await app.CreateClient().AdmittedAsync(ticket))["admissionToken"]!;
        var request = new HttpRequestMessage(HttpMethod.Get, "/book/2026-12-20/10:30");
        request.Headers.Add("Cookie", "tg-admission=" + Uri.EscapeDataString(admission));
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(request)).StatusCode);
        request = new HttpRequestMessage(HttpMethod.Get, "/day/2026-12-20");
        request.Headers.Add("Cookie", "tg-admission=" + Uri.EscapeDataString(admission));
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(request)).StatusCode);
    }

    [Fact]
    public async Task Not_yet_open_sold_out_and_over_each_have_their_own_words()
    {
        using var app = new TestApp("sqlite");
        var client = PageClient.Browser(app);
        // A date that opens in two days: the heading and every slot say 受付前, none 受付終了.
        var later = await GetAsync(client, "/day/2026-12-22");
        Assert.Equal(1 + 28, Regex.Matches(later, "class=\"badge badge-notyet\">受付前<").Count);
        Assert.DoesNotContain("受付終了", later);

        // Today at 12:05: the slots that ended say 受付終了.
        app.Clock.Set(new DateTimeOffset(2026, 11, 20, 12, 5, 0, TimeSpan.FromHours(9)));
        var today = await GetAsync(client, "/day/2026-11-20");
        Assert.Equal(8, Regex.Matches(today, "class=\"badge badge-over\">受付終了<").Count);

        // A full slot says 満員.
        await PageClient.FillSlotAsync(app, new DateOnly(2026, 11, 20), 16 * 60 + 45);
        var full = await GetAsync(client, "/day/2026-11-20");
        Assert.Single(Regex.Matches(full, "class=\"badge badge-full\">満員<"));

        var calendar = await GetAsync(client, "/?month=2026-12");
        Assert.Contains("受付前 11月21日(土)〜", System.Net.WebUtility.HtmlDecode(calendar));

        // After today's last slot the calendar says so, rather than a dash.
        app.Clock.Set(new DateTimeOffset(2026, 11, 20, 17, 30, 0, TimeSpan.FromHours(9)));
        var evening = await GetAsync(client, "/");
        Assert.Matches("<td class=\"day-over\">\\s*<span class=\"num\" aria-hidden=\"true\">20</span>\\s*<span class=\"state\">受付終了</span>", evening);
    }

    private static async Task<string> GetAsync(HttpClient client, string url)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("Accept-Language", "ja");
        var response = await client.SendAsync(request);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {response.StatusCode} {response.Headers.Location}");
        return await response.Content.ReadAsStringAsync();
    }
}
