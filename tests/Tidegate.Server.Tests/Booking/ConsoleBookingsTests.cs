using System.Text.RegularExpressions;
using Dapper;
using Tidegate.Server.Tests.Payments;
using Tidegate.Server.Tests.Staff;

namespace Tidegate.Server.Tests.Booking;

/// <summary>The console's bookings pages: find, read (each view audited), and cancel on the visitor's behalf once, audited with who and why.</summary>
public class ConsoleBookingsTests
{
    [Theory, Engines]
    public async Task The_pages_need_a_session_and_the_operator_role(string engine)
    {
        using var app = new TestApp(engine);
        var ticket = await Gate.ConfirmedTicketAsync(app);
        string[] paths = ["/console/bookings", $"/console/bookings/{ticket.BookingId}", "/console/box-office"];
        var anonymous = ConsoleClient.Anonymous(app);
        foreach (var path in paths)
        {
            var response = await anonymous.Http.GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal($"/console/sign-in?returnUrl={Uri.EscapeDataString(path)}", response.Headers.Location!.PathAndQuery);
        }
        var analyst = await app.ConsoleAsync("analyst");
        foreach (var path in paths)
            Assert.Equal(HttpStatusCode.Forbidden, (await analyst.Http.GetAsync(path)).StatusCode);
        var operatorConsole = await app.ConsoleAsync("operator");
        foreach (var path in paths)
            Assert.Contains("<h1>", await operatorConsole.GetPageAsync(path));
        // An analyst's view of a booking showed nothing, so nothing was audited for it.
        await using var connection = await app.Db.OpenAsync();
        Assert.Equal(0L, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM audit_log WHERE action = 'booking.viewed' AND role = 'analyst'"));
    }

    [Theory, Engines]
    public async Task Staff_find_a_booking_by_email_and_by_number_and_every_search_and_view_is_audited(string engine)
    {
        using var app = new TestApp(engine);
        var visitor = app.CreateClient();
        var created = await visitor.PostJson("/api/v1/bookings", Api.Guest(adult: 2, email: "Hanako.Yamada@Example.com", name: "山田 花子"))
            .ExpectJson(HttpStatusCode.Created);
        var id = (string)created["bookingId"]!;
        await Confirmations.ConfirmAsync(app, id, (string)created["accessKey"]!);
        var (console, staffId) = await SignedInAsync(app, "operator");
        await console.GetPageAsync("/console/bookings");

        var byEmail = await (await console.PostFormAsync("/console/bookings", new { Query = " hanako.yamada@example.com " })).ExpectHtml();
        Assert.Contains("山田 花子", byEmail);
        Assert.Contains($"href=\"/console/bookings/{id}\"", byEmail);
        Assert.Contains("検索結果(1件)", byEmail);
        var byNumber = await (await console.PostFormAsync("/console/bookings", new { Query = id })).ExpectHtml();
        Assert.Contains("hanako.yamada@example.com", byNumber);
        var none = await (await console.PostFormAsync("/console/bookings", new { Query = "nobody@example.com" })).ExpectHtml();
        Assert.Contains("該当する予約はありません", none);

        var detail = await console.GetPageAsync($"/console/bookings/{id}");
        Assert.Contains("山田 花子", detail);
        Assert.Contains("5,200円", detail);
        Assert.Contains("支払い済み", detail);

        await using var connection = await app.Db.OpenAsync();
        var entries = (await connection.QueryAsync<(string Actor, string Role, string Target)>(
            "SELECT actor, role, target FROM audit_log WHERE action = 'booking.viewed' ORDER BY seq")).ToList();
        Assert.Equal([(staffId, "operator", id), (staffId, "operator", id), (staffId, "operator", ""), (staffId, "operator", id)], entries);
        Assert.Equal(0L, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM audit_log WHERE target LIKE '%@%' OR detail LIKE '%@%'"));
    }

    [Theory, Engines]
    public async Task Staff_cancel_a_paid_booking_for_the_visitor_once_the_refund_is_shown_first_and_the_audit_log_says_who_and_why(string engine)
    {
        using var app = new TestApp(engine);
        var ticket = await Gate.ConfirmedTicketAsync(app, adult: 2, child: 0);
        var (console, staffId) = await SignedInAsync(app, "operator");
        var page = $"/console/bookings/{ticket.BookingId}";

        var confirm = await console.GetPageAsync(page + "?cancel=1");
        Assert.Contains("5,200円を返金します", confirm);
        Assert.Contains("キャンセルして5,200円を返金する", confirm);

        var noReason = await console.PostFormAsync(page + "?handler=Cancel", new { Reason = "" });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Contains("キャンセルの理由を選んでください", await noReason.Content.ReadAsStringAsync());

        var cancelled = await console.PostFormAsync(page + "?handler=Cancel", new { Reason = "visitor_request" });
        Assert.Equal(HttpStatusCode.Redirect, cancelled.StatusCode);
        Assert.Equal(page + "?cancelled=1", cancelled.Headers.Location!.OriginalString);
        var again = await console.PostFormAsync(page + "?handler=Cancel", new { Reason = "visitor_request" });
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);

        var after = await console.GetPageAsync(page + "?cancelled=1");
        Assert.Contains("予約をキャンセルしました(返金額 5,200円)", after);
        Assert.DoesNotContain("キャンセルの手続きへ", after);
        var visitor = await app.CreateClient().GetBooking(ticket.BookingId, ticket.AccessKey).ExpectJson(HttpStatusCode.OK);
        Assert.Equal(("cancelled", 5200), ((string)visitor["status"]!, (int)visitor["refund"]!["amount"]!));

        await using var connection = await app.Db.OpenAsync();
        Assert.Equal((1L, 5200L), await connection.QuerySingleAsync<(long, long)>(
            "SELECT COUNT(*), COALESCE(SUM(amount), 0) FROM refunds WHERE booking_id = @Id", new { Id = ticket.BookingId }));
        Assert.Equal(0L, await connection.ExecuteScalarAsync<long>(
            "SELECT online_taken FROM slots WHERE visit_date = '2026-12-20' AND start_minute = 630"));
        var audit = Assert.Single(await connection.QueryAsync<(string Actor, string Role, string Target, string Detail)>(
            "SELECT actor, role, target, detail FROM audit_log WHERE action = 'booking.cancelled'"));
        Assert.Equal((staffId, "operator", ticket.BookingId), (audit.Actor, audit.Role, audit.Target));
        Assert.Equal("on the visitor's behalf, reason visitor_request; refund 5200 JPY", audit.Detail);
    }

    [Theory, Engines]
    public async Task On_the_visit_day_the_page_says_cancellation_is_closed_and_a_post_is_refused_without_an_audit_entry(string engine)
    {
        using var app = new TestApp(engine);
        var ticket = await Gate.ConfirmedTicketAsync(app);
        app.Clock.Set(Gate.SlotStart.AddHours(-2));
        var console = await app.ConsoleAsync("operator");
        var page = $"/console/bookings/{ticket.BookingId}";
        Assert.Contains("キャンセルの受付は来館日前日の23:59で終了しています", await console.GetPageAsync(page));
        var refused = await console.PostFormAsync(page + "?handler=Cancel", new { Reason = "at_counter" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        await using var connection = await app.Db.OpenAsync();
        Assert.Equal("confirmed", await connection.ExecuteScalarAsync<string>("SELECT status FROM bookings WHERE id = @Id", new { Id = ticket.BookingId }));
        Assert.Equal(0L, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM audit_log WHERE action = 'booking.cancelled'"));
    }

    [Theory, Engines]
    public async Task The_booking_page_lists_the_tickets_scans_with_gate_and_persons(string engine)
    {
        using var app = new TestApp(engine);
        var ticket = await Gate.ConfirmedTicketAsync(app);
        app.Clock.Set(Gate.SlotStart.AddMinutes(5));
        var gate = await Gate.ClientWithRoleAsync(app, "gate", "east-1");
        await gate.ScanOkAsync(ticket.Code, "east-1", admit: 2);
        await gate.ScanOkAsync(ticket.Code, "east-1");
        await gate.ScanOkAsync(ticket.Code, "east-1");
        var html = await (await app.ConsoleAsync("operator")).GetPageAsync($"/console/bookings/{ticket.BookingId}");
        Assert.Contains("入場済み 3 / 3 名", html);
        Assert.Equal(2, Regex.Matches(html, "<td>入場</td>").Count);
        Assert.Contains("使用済み", html);
        Assert.Equal(3, Regex.Matches(html, "<td>east-1</td>").Count);
    }

    /// <summary>Signed in through the console's form, with the account's id (the audit log's actor).</summary>
    private static async Task<(ConsoleClient Console, string StaffId)> SignedInAsync(TestApp app, string role)
    {
        var account = await app.ReadyStaffAsync(role);
        var console = ConsoleClient.Anonymous(app);
        var response = await console.PostFormAsync("/console/sign-in", new { account.Email, account.Password, Otp = account.NextCode() ?? "" });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return (console, account.StaffId);
    }
}

internal static class HtmlResponses
{
    public static async Task<string> ExpectHtml(this HttpResponseMessage response, HttpStatusCode status = HttpStatusCode.OK)
    {
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{(int)response.StatusCode} {html[..Math.Min(400, html.Length)]}");
        return html;
    }
}
