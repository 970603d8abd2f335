using System.Text.RegularExpressions;
using Dapper;

namespace Tidegate.Server.Tests.Booking;

/// <summary>
/// Issue 12, item 2: a visitor who goes Back (or reloads) after holding sees their own pending hold,
/// and changing the party releases the old hold (its places back exactly once) and holds the new one
/// instead of being refused as a second booking of the day.
/// </summary>
public partial class HoldReturnTests
{
    [Theory, Engines]
    public async Task A_released_hold_gives_its_places_back_once_and_the_person_may_hold_again(string engine)
    {
        using var app = new TestApp(engine);
        var client = app.CreateClient();
        var first = await client.PostJson("/api/v1/bookings", Api.Guest(adult: 3)).ExpectJson(HttpStatusCode.Created);
        Assert.Equal(3, await TakenAsync(app));
        // While the hold is live the person cannot hold the same date again.
        await client.PostJson("/api/v1/bookings", Api.Guest(adult: 1)).ExpectProblem(HttpStatusCode.UnprocessableEntity, "limit_exceeded");

        var (id, key) = ((string)first["bookingId"]!, (string)first["accessKey"]!);
        var released = await CancelAsync(client, id, key).ExpectJson(HttpStatusCode.OK);
        Assert.Equal("cancelled", (string)released["status"]!);
        Assert.Equal(0, await TakenAsync(app));
        // A second release finds nothing to give back.
        await CancelAsync(client, id, key).ExpectJson(HttpStatusCode.OK);
        Assert.Equal(0, await TakenAsync(app));

        await client.PostJson("/api/v1/bookings", Api.Guest(adult: 1, child: 1)).ExpectJson(HttpStatusCode.Created);
        Assert.Equal(2, await TakenAsync(app));
    }

    [Theory, Engines]
    public async Task A_hold_released_in_the_rush_gives_back_its_admission_for_one_more_booking(string engine)
    {
        using var app = Tidegate.Server.Tests.Queue.QueueClient.App(engine, rate: 10, maxOutstanding: 10);
        var client = app.CreateClient();
        var ticket = (string)(await Tidegate.Server.Tests.Queue.QueueClient.JoinAsync(client))["queueTicket"]!;
        var admission = (string)(await Tidegate.Server.Tests.Queue.QueueClient.AdmittedAsync(client, ticket))["admissionToken"]!;
        var first = await Tidegate.Server.Tests.Queue.QueueClient.BookAsync(client, admission, Api.Guest(adult: 3)).ExpectJson(HttpStatusCode.Created);

        await CancelAsync(client, (string)first["bookingId"]!, (string)first["accessKey"]!).ExpectJson(HttpStatusCode.OK);
        Assert.Equal(0, await TakenAsync(app));
        // The same admission holds the changed party: no second wait in the line.
        await Tidegate.Server.Tests.Queue.QueueClient.BookAsync(client, admission, Api.Guest(adult: 1)).ExpectJson(HttpStatusCode.Created);
        Assert.Equal(1, await TakenAsync(app));
        // And it is still one booking per admission.
        await Tidegate.Server.Tests.Queue.QueueClient.BookAsync(client, admission, Api.Guest(adult: 1, email: "another@example.com"))
            .ExpectProblem(HttpStatusCode.Forbidden, "queue_required");
    }

    [Theory, Engines]
    public async Task Coming_back_to_the_form_shows_the_pending_hold_and_changing_the_party_holds_the_new_one(string engine)
    {
        using var app = new TestApp(engine);
        var client = PageClient.Browser(app);
        var form = await FormAsync(client);
        Assert.DoesNotContain("id=\"pending\"", form);
        var held = await PostAsync(client, form, adult: 3);
        Assert.True(held.StatusCode == HttpStatusCode.Redirect, $"{held.StatusCode}: {await held.Content.ReadAsStringAsync()}\n{string.Join("\n", Regex.Matches(form, "<input[^>]*>").Select(m => m.Value))}");
        var holdPage = held.Headers.Location!.OriginalString;
        Assert.Matches("^/booking/[0-9a-f-]+\\?key=", holdPage);
        var firstId = holdPage.Split('/', '?')[2];
        Assert.Equal(3, await TakenAsync(app));

        // Back (the page is never cached, so the browser asks again) shows the hold and the way on to payment.
        var back = await client.GetAsync("/book/2026-12-20/10:30");
        Assert.True(back.Headers.CacheControl?.NoStore);
        var again = await back.Content.ReadAsStringAsync();
        Assert.Contains("id=\"pending\"", again);
        Assert.Contains($"href=\"{holdPage.Replace("&", "&amp;")}\"", again);
        Assert.Equal("3", Selected(again, "Adult"));

        // Release and change: one adult instead of three.
        var changed = await PostAsync(client, again, adult: 1);
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        var secondId = changed.Headers.Location!.OriginalString.Split('/', '?')[2];
        Assert.NotEqual(firstId, secondId);
        Assert.Equal(1, await TakenAsync(app));
        await using (var connection = await app.Db.OpenAsync())
        {
            Assert.Equal("cancelled", await connection.ExecuteScalarAsync<string>("SELECT status FROM bookings WHERE id = @firstId", new { firstId }));
            Assert.Equal("held", await connection.ExecuteScalarAsync<string>("SELECT status FROM bookings WHERE id = @secondId", new { secondId }));
        }

        // A stale copy of the form (without the hold) is not refused blankly: it shows the hold, and releases nothing.
        var stale = await PostAsync(client, form, adult: 2);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, stale.StatusCode);
        var shown = await stale.Content.ReadAsStringAsync();
        Assert.Contains("id=\"pending\"", shown);
        Assert.Contains($"/booking/{secondId}?key=", shown);
        Assert.Equal(1, await TakenAsync(app));
    }

    [Theory, Engines]
    public async Task Another_visitors_form_never_sees_or_releases_the_hold(string engine)
    {
        using var app = new TestApp(engine);
        var visitor = PageClient.Browser(app);
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(visitor, await FormAsync(visitor), adult: 3)).StatusCode);

        var other = PageClient.Browser(app);
        var form = await FormAsync(other);
        Assert.DoesNotContain("id=\"pending\"", form);
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(other, form, adult: 2, email: "other@example.com")).StatusCode);
        Assert.Equal(5, await TakenAsync(app));
    }

    private static Task<HttpResponseMessage> CancelAsync(HttpClient client, string id, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/bookings/{id}/cancel");
        request.Headers.Add("X-Booking-Key", key);
        return client.SendAsync(request);
    }

    private static async Task<long> TakenAsync(TestApp app)
    {
        await using var connection = await app.Db.OpenAsync();
        return await connection.ExecuteScalarAsync<long>(
            "SELECT online_taken FROM slots WHERE visit_date = @Date AND start_minute = 630", new { Date = new DateOnly(2026, 12, 20) });
    }

    private static async Task<string> FormAsync(HttpClient client)
    {
        var page = await client.GetAsync("/book/2026-12-20/10:30");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        return await page.Content.ReadAsStringAsync();
    }

    /// <summary>Submits the form as a browser would: its hidden fields (antiforgery, idempotency, the hold to replace) and the party.</summary>
    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string form, int adult, string email = "hanako@example.com")
    {
        var fields = Hidden().Matches(form).ToDictionary(m => m.Groups["name"].Value, m => WebUtility.HtmlDecode(m.Groups["value"].Value));
        fields["Adult"] = adult.ToString(System.Globalization.CultureInfo.InvariantCulture);
        fields["Child"] = "0"; fields["Infant"] = "0"; fields["Toddler"] = "0";
        fields["Name"] = "Hanako Yamada"; fields["Email"] = email; fields["AcceptTerms"] = "true";
        return client.PostAsync("/book/2026-12-20/10:30", new FormUrlEncodedContent(fields));
    }

    private static string? Selected(string html, string select) =>
        Regex.Match(html, $"<select id=\"{select}\"[\\s\\S]*?<option value=\"(\\d+)\" selected=\"selected\"") is { Success: true } m ? m.Groups[1].Value : null;

    [GeneratedRegex("""<input type="hidden"[^>]*?name="(?<name>[^"]+)"[^>]*?value="(?<value>[^"]*)"|<input name="(?<name>__RequestVerificationToken)" type="hidden" value="(?<value>[^"]*)""")]
    private static partial Regex Hidden();
}
