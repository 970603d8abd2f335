namespace Tidegate.Server.Tests.Audit;

/// <summary>Who may call the admin API of this slice: no token 401, a wrong role 403.</summary>
public class AdminAccessTests
{
    public static TheoryData<string, string, string, string[]> Routes()
    {
        var data = new TheoryData<string, string, string, string[]>();
        foreach (var engine in new EnginesAttribute().GetData(null!).Select(d => (string)d[0]))
        {
            data.Add(engine, "PUT", "/api/v1/admin/calendar/2026-12-20", ["gate", "analyst", "partner", "member"]);
            data.Add(engine, "PUT", "/api/v1/admin/capacity", ["gate", "analyst", "partner", "member"]);
            data.Add(engine, "PUT", "/api/v1/admin/prices", ["gate", "analyst", "partner", "member"]);
            data.Add(engine, "PUT", "/api/v1/admin/holidays/2026-12-18", ["gate", "analyst", "partner", "member"]);
            data.Add(engine, "DELETE", "/api/v1/admin/holidays/2026-12-18", ["gate", "analyst", "partner", "member"]);
            data.Add(engine, "PUT", "/api/v1/admin/queue/2026-12-18", ["gate", "analyst", "partner", "member"]);
            data.Add(engine, "GET", "/api/v1/admin/bookings?bookingId=x", ["gate", "analyst", "partner", "member"]);
            data.Add(engine, "GET", "/api/v1/admin/audit", ["operator", "gate", "analyst", "partner", "member"]);
        }
        return data;
    }

    [Theory, MemberData(nameof(Routes))]
    public async Task No_token_is_401_and_a_wrong_role_is_403(string engine, string method, string path, string[] refused)
    {
        using var app = new TestApp(engine);
        var request = () => new HttpRequestMessage(new HttpMethod(method), path)
        {
            Content = method == "PUT" ? System.Net.Http.Json.JsonContent.Create(new { open = false, date = "2026-12-20", capacity = 1, name = "x", guarded = true, weekday = new { adult = 1 } }) : null,
        };
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().SendAsync(request())).StatusCode);
        foreach (var role in refused)
        {
            var client = await AdminClients.AsAsync(app, role);
            Assert.True(HttpStatusCode.Forbidden == (await client.SendAsync(request())).StatusCode, $"{role} on {method} {path}");
        }
        await using var connection = await app.Db.OpenAsync();
        Assert.Equal(0L, await Dapper.SqlMapper.ExecuteScalarAsync<long>(connection, "SELECT COUNT(*) FROM audit_log"));
    }
}
