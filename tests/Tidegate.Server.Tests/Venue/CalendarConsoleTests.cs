using System.Net;
using Dapper;

namespace Tidegate.Server.Tests.Venue;

/// <summary>/console/calendar: who may see it, the changes it makes through the admin use cases, and the refusals said in the page with their numbers.</summary>
public class CalendarConsoleTests
{
    private const string Page = "/console/calendar";
    private const string Day = "/console/calendar?date=2026-12-20";

    private static async Task BookAsync(TestApp app, string start, int adult) =>
        await app.CreateClient().PostJson("/api/v1/bookings", Api.Guest("2026-12-20", start, adult, email: $"c-{Guid.NewGuid():N}@example.com"))
            .ExpectJson(HttpStatusCode.Created);

    /// <summary>The calendar's audit entries (the test's own staff accounts are audited too, and left out here).</summary>
    private static async Task<List<(string Action, string Target, string Detail)>> AuditAsync(TestApp app)
    {
        await using var connection = await app.Db.OpenAsync();
        return (await connection.QueryAsync<(string, string, string)>("SELECT action, target, detail FROM audit_log WHERE action NOT LIKE 'staff.%' ORDER BY seq")).ToList();
    }

    private static string Decoded(string html) => WebUtility.HtmlDecode(html);

    [Theory, Engines]
    public async Task No_session_goes_to_sign_in_an_analyst_is_refused_and_an_operator_sees_the_month(string engine)
    {
        using var app = new TestApp(engine);
        var anonymous = await ConsoleClient.Anonymous(app).Http.GetAsync(Day);
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.StartsWith("/console/sign-in?returnUrl=", anonymous.Headers.Location!.PathAndQuery);

        var analyst = await app.ConsoleAsync("analyst");
        Assert.Equal(HttpStatusCode.Forbidden, (await analyst.Http.GetAsync(Page)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await analyst.Http.PostAsync($"{Day}&handler=Capacity",
            new FormUrlEncodedContent([new("start", ""), new("capacity", "1")]))).StatusCode);

        var operatorConsole = await app.ConsoleAsync("operator");
        var month = Decoded(await operatorConsole.GetPageAsync($"{Page}?month=2026-12"));
        Assert.Contains("2026年12月", month);
        Assert.Contains("href=\"/console/calendar?date=2026-12-20\"", month);
        Assert.Contains("ネット 270・窓口 30", month); // the box-office share of 300
        Assert.Contains("name=\"weekday.adult\"", month);
        Assert.Contains("value=\"2400\"", month);
        Assert.Empty(await AuditAsync(app)); // reading the calendar is not an admin action
    }

    [Theory, Engines]
    public async Task Shortening_a_day_with_bookings_says_how_many_bookings_and_persons_and_keeps_the_input(string engine)
    {
        using var app = new TestApp(engine);
        await BookAsync(app, "16:30", 1);
        await BookAsync(app, "16:45", 2);
        var console = await app.ConsoleAsync("operator");
        await console.GetPageAsync(Day);

        var refused = await console.PostFormAsync($"{Day}&handler=Hours", new { open = "true", opensAt = "10:00", closesAt = "17:30" });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var html = Decoded(await refused.Content.ReadAsStringAsync());
        Assert.Contains("role=\"alert\">外れる時間枠に有効な予約が2件（3名）あるため、変更できません。", html);
        Assert.Contains("value=\"17:30\"", html);
        Assert.Empty(await AuditAsync(app));

        var shorter = await console.PostFormAsync($"{Day}&handler=Hours", new { open = "true", opensAt = "10:00", closesAt = "18:00" });
        Assert.Equal(HttpStatusCode.Redirect, shorter.StatusCode);
        var closed = await console.PostFormAsync($"{Day}&handler=Hours", new { open = "false", opensAt = "", closesAt = "" });
        Assert.Equal(HttpStatusCode.OK, closed.StatusCode);
        Assert.Contains("2件（3名）", Decoded(await closed.Content.ReadAsStringAsync()));
        Assert.Equal(new[] { ("calendar.changed", "2026-12-20", "open 10:00-18:00") }, await AuditAsync(app));
    }

    [Theory, Engines]
    public async Task A_slot_capacity_below_what_is_sold_is_refused_with_the_number_and_one_at_it_is_saved(string engine)
    {
        using var app = new TestApp(engine);
        await BookAsync(app, "10:30", 3);
        var console = await app.ConsoleAsync("operator");
        await console.GetPageAsync(Day);

        var refused = await console.PostFormAsync($"{Day}&handler=Capacity", new { start = "10:30", capacity = "2" });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var html = Decoded(await refused.Content.ReadAsStringAsync());
        Assert.Contains("role=\"alert\">すでに3名が販売済み・仮押さえ中のため、定員を3名未満にはできません。", html);
        Assert.Contains("<option value=\"10:30\" selected=\"selected\">", html);

        var saved = await console.PostFormAsync($"{Day}&handler=Capacity", new { start = "10:30", capacity = "3" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal("/console/calendar?date=2026-12-20&saved=capacity", saved.Headers.Location!.OriginalString);
        var day = Decoded(await console.GetPageAsync(saved.Headers.Location.OriginalString));
        Assert.Contains("定員を変更しました。", day);
        Assert.Equal(new[] { ("capacity.changed", "2026-12-20 10:30", "capacity 3") }, await AuditAsync(app));

        var bad = await console.PostFormAsync($"{Day}&handler=Capacity", new { start = "", capacity = "many" });
        Assert.Contains("定員は0〜100000の整数で入力してください。", Decoded(await bad.Content.ReadAsStringAsync()));
    }

    [Theory, Engines]
    public async Task Holidays_the_waiting_room_and_prices_change_from_the_page_and_are_audited(string engine)
    {
        using var app = new TestApp(engine);
        var console = await app.ConsoleAsync("operator");
        await console.GetPageAsync("/console/calendar?date=2026-12-18");

        Assert.Equal(HttpStatusCode.Redirect, (await console.PostFormAsync("/console/calendar?date=2026-12-18&handler=Holiday", new { name = "開館記念日" })).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await console.PostFormAsync("/console/calendar?date=2026-12-18&handler=Guard", new { guarded = "true" })).StatusCode);
        var day = Decoded(await console.GetPageAsync("/console/calendar?date=2026-12-18"));
        Assert.Contains("祝日：開館記念日", day);
        Assert.Contains("この日付の予約は、常に順番待ちを通ります。", day);
        var month = Decoded(await console.GetPageAsync("/console/calendar?month=2026-12"));
        Assert.Contains("<span class=\"holiday\">開館記念日</span>", month);

        Assert.Equal(HttpStatusCode.Redirect, (await console.PostFormAsync("/console/calendar?date=2026-12-18&handler=RemoveHoliday", new { })).StatusCode);
        var again = await console.PostFormAsync("/console/calendar?date=2026-12-18&handler=RemoveHoliday", new { });
        Assert.Contains("この日付は祝日ではありません。", Decoded(await again.Content.ReadAsStringAsync()));

        var badPrice = await console.PostFormAsync("/console/calendar?month=2026-12&handler=Prices", new Dictionary<string, string>
        {
            ["weekday.adult"] = "2500", ["weekday.child"] = "-5",
        });
        Assert.Equal(HttpStatusCode.OK, badPrice.StatusCode);
        Assert.Contains("平日 小人（6〜15歳）の料金は0〜100,000円の整数で入力してください。", Decoded(await badPrice.Content.ReadAsStringAsync()));
        var prices = await console.PostFormAsync("/console/calendar?month=2026-12&handler=Prices", new Dictionary<string, string>
        {
            ["weekday.adult"] = "2500", ["weekendOrHoliday.adult"] = "2700",
        });
        Assert.Equal(HttpStatusCode.Redirect, prices.StatusCode);
        Assert.Contains("value=\"2700\"", await console.GetPageAsync(prices.Headers.Location!.OriginalString));
        var booked = await app.CreateClient().PostJson("/api/v1/bookings", Api.Guest("2026-12-18", "10:30", 1, email: "price@example.com"))
            .ExpectProblem(HttpStatusCode.Forbidden, "queue_required"); // guarded from the page: the booking path agrees
        Assert.NotNull(booked);

        Assert.Equal(
            new[] { "holiday.set", "queue.guarded", "holiday.removed", "prices.changed" },
            (await AuditAsync(app)).Select(a => a.Action));
    }
}
