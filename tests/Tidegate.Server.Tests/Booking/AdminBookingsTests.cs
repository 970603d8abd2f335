using Dapper;
using Tidegate.Server.Tests.Audit;
using Tidegate.Server.Tests.Payments;

namespace Tidegate.Server.Tests.Booking;

/// <summary>GET /api/v1/admin/bookings: staff find a booking by email or number, with personal data, payments and refunds; every look is audited.</summary>
public class AdminBookingsTests
{
    [Theory, Engines]
    public async Task Staff_find_a_paid_then_cancelled_booking_by_email_and_by_id_and_each_look_is_audited_without_the_email(string engine)
    {
        using var app = new TestApp(engine);
        var visitor = app.CreateClient();
        var created = await visitor.PostJson("/api/v1/bookings", Api.Guest(adult: 2, email: "Hanako.Yamada@Example.com", name: "山田 花子"))
            .ExpectJson(HttpStatusCode.Created);
        var (id, key) = ((string)created["bookingId"]!, (string)created["accessKey"]!);
        await Confirmations.ConfirmAsync(app, id, key);
        await visitor.Cancel(id, key).ExpectJson(HttpStatusCode.OK);
        await Gate.ConfirmedTicketAsync(app, email: "someone.else@example.com");

        var staff = await AdminClients.AsAsync(app, "operator", "op-sato");
        var found = (await staff.GetAsync("/api/v1/admin/bookings?email=hanako.yamada%40example.com").ExpectJson(HttpStatusCode.OK))["items"]!.AsArray();
        var item = Assert.Single(found)!;
        Assert.Equal((id, "cancelled", "山田 花子", "hanako.yamada@example.com", 2),
            ((string)item["bookingId"]!, (string)item["status"]!, (string)item["name"]!, (string)item["email"]!, (int)item["persons"]!));
        var payment = Assert.Single(item["payments"]!.AsArray())!;
        Assert.Equal(("succeeded", 5200), ((string)payment["status"]!, (int)payment["amount"]!));
        Assert.EndsWith("+09:00", (string)payment["createdAt"]!);
        var refund = Assert.Single(item["refunds"]!.AsArray())!;
        Assert.Equal((5200, "cancelled"), ((int)refund["amount"]!, (string)refund["reason"]!));

        var byId = (await staff.GetAsync($"/api/v1/admin/bookings?bookingId={id}").ExpectJson(HttpStatusCode.OK))["items"]!.AsArray();
        Assert.Equal("hanako.yamada@example.com", (string)Assert.Single(byId)!["email"]!);
        Assert.Empty((await staff.GetAsync("/api/v1/admin/bookings?email=nobody%40example.com").ExpectJson(HttpStatusCode.OK))["items"]!.AsArray());

        var admin = await AdminClients.AsAsync(app, "admin");
        var log = (await admin.GetAsync("/api/v1/admin/audit?action=booking.viewed").ExpectJson(HttpStatusCode.OK))["items"]!.AsArray();
        Assert.Equal(3, log.Count);
        Assert.All(log, e => Assert.Equal(("op-sato", "operator"), ((string)e!["actor"]!, (string)e["role"]!)));
        Assert.Equal(["", id, id], log.Select(e => (string)e!["target"]!));
        await using var connection = await app.Db.OpenAsync();
        Assert.Equal(0L, await connection.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM audit_log WHERE target LIKE '%@%' OR detail LIKE '%@%' OR target LIKE '%yamada%' OR detail LIKE '%yamada%'"));
    }

    [Theory, Engines]
    public async Task Exactly_one_of_email_and_booking_id_is_required(string engine)
    {
        using var app = new TestApp(engine);
        var staff = await AdminClients.AsAsync(app, "admin");
        await staff.GetAsync("/api/v1/admin/bookings").ExpectProblem(HttpStatusCode.BadRequest, "invalid_request");
        await staff.GetAsync("/api/v1/admin/bookings?email=a%40b.c&bookingId=x").ExpectProblem(HttpStatusCode.BadRequest, "invalid_request");
        await staff.GetAsync("/api/v1/admin/bookings?email=not-an-email").ExpectProblem(HttpStatusCode.BadRequest, "invalid_request");
    }
}
