using Dapper;
using Tidegate.Server.Features.Devices;

namespace Tidegate.Server.Tests.Devices;

/// <summary>Registered gate and shop devices over HTTP: registration, the list, revocation, role boundaries, last seen.</summary>
public class DeviceRegistryTests
{
    [Theory, Engines]
    public async Task Registering_answers_the_token_once_with_a_qr_and_stores_only_its_hash(string engine)
    {
        using var app = new TestApp(engine);
        var created = await Devices.RegisterAsync(app, "East entrance tablet", "east-1");
        var id = (string)created["deviceId"]!;
        var token = (string)created["token"]!;
        Assert.StartsWith("tgd1.", token);
        Assert.True(token.Length >= 40, token);
        Assert.Contains("<svg", (string)created["qrSvg"]!);

        await using var connection = await app.Db.OpenAsync();
        var row = await connection.QuerySingleAsync<(string Name, string Lane, string Kind, string TokenHash, string CreatedBy)>(
            "SELECT name, lane, kind, token_hash, created_by FROM devices WHERE id = @id", new { id });
        Assert.Equal(("East entrance tablet", "east-1", "gate", "test-operator"), (row.Name, row.Lane, row.Kind, row.CreatedBy));
        Assert.Equal(app.Get<DeviceRegistry>().HashOf(token), row.TokenHash);
        var everything = string.Join("|", (await connection.QueryAsync("SELECT * FROM devices")).Select(r => string.Join(",", ((IDictionary<string, object?>)r).Values)));
        Assert.DoesNotContain(token["tgd1.".Length..], everything);

        var listed = await Devices.ListedAsync(app, id);
        Assert.NotNull(listed);
        Assert.Null(listed["token"]);
        Assert.Equal("East entrance tablet", (string)listed["name"]!);
        Assert.False((bool)listed["revoked"]!);
        Assert.Null(listed["lastSeenAt"]);
        Assert.EndsWith("+09:00", (string)listed["createdAt"]!);
        var again = await Devices.RegisterAsync(app, "East entrance tablet", "east-1");
        Assert.NotEqual(token, (string)again["token"]!); // a second device never gets the first one's secret
    }

    [Theory, Engines]
    public async Task A_device_token_admits_a_paid_ticket_and_says_which_device_it_is(string engine)
    {
        using var app = new TestApp(engine);
        var ticket = await Gate.ConfirmedTicketAsync(app);
        var created = await Devices.RegisterAsync(app, "East tablet", "east-1");
        var device = Devices.ClientWithToken(app, (string)created["token"]!);
        app.Clock.Set(Gate.SlotStart);

        var scan = await device.ScanOkAsync(ticket.Code, "east-1");
        Assert.Equal("admitted", (string)scan["result"]!);
        Assert.Equal(3, await Gate.AdmittedPersonsAsync(app, ticket.BookingId));
        var me = await device.GetAsync("/api/v1/gate/device").ExpectJson(HttpStatusCode.OK);
        Assert.Equal(((string)created["deviceId"]!, "East tablet", "east-1", "gate"),
            ((string)me["deviceId"]!, (string)me["name"]!, (string)me["lane"]!, (string)me["kind"]!));
        await device.GetAsync("/api/v1/gate/offline-bundle").ExpectJson(HttpStatusCode.OK);
        // Devices are not staff: the registry refuses them.
        await device.GetAsync(Devices.Path).ExpectProblem(HttpStatusCode.Forbidden, "forbidden");
    }

    [Theory, Engines]
    public async Task A_revoked_device_is_refused_at_once_and_its_list_entry_says_revoked(string engine)
    {
        using var app = new TestApp(engine);
        var ticket = await Gate.ConfirmedTicketAsync(app);
        var created = await Devices.RegisterAsync(app);
        var id = (string)created["deviceId"]!;
        var device = Devices.ClientWithToken(app, (string)created["token"]!);
        var other = Devices.ClientWithToken(app, (string)(await Devices.RegisterAsync(app, "west-1", "west-1"))["token"]!);
        app.Clock.Set(Gate.SlotStart);
        await device.GetAsync("/api/v1/gate/offline-bundle").ExpectJson(HttpStatusCode.OK);

        var operatorClient = await Gate.ClientWithRoleAsync(app, "operator");
        Assert.Equal(HttpStatusCode.NoContent, (await operatorClient.DeleteAsync($"{Devices.Path}/{id}")).StatusCode);

        await device.ScanAsync(ticket.Code).ExpectProblem(HttpStatusCode.Unauthorized, "unauthorized");
        await device.GetAsync("/api/v1/gate/offline-bundle").ExpectProblem(HttpStatusCode.Unauthorized, "unauthorized");
        Assert.Equal(0, await Gate.AdmittedPersonsAsync(app, ticket.BookingId));
        Assert.Equal("admitted", (string)(await other.ScanOkAsync(ticket.Code))["result"]!); // only that device
        var listed = await Devices.ListedAsync(app, id);
        Assert.True((bool)listed!["revoked"]!);
        Assert.NotNull(listed["revokedAt"]);
        Assert.Equal(HttpStatusCode.NoContent, (await operatorClient.DeleteAsync($"{Devices.Path}/{id}")).StatusCode); // again: still gone
        await operatorClient.DeleteAsync($"{Devices.Path}/{Guid.NewGuid()}").ExpectProblem(HttpStatusCode.NotFound, "not_found");
    }

    [Theory, Engines]
    public async Task Only_admins_and_operators_manage_devices_and_unknown_device_tokens_are_refused(string engine)
    {
        using var app = new TestApp(engine);
        var admin = await Gate.ClientWithRoleAsync(app, "admin");
        var created = await admin.PostJson(Devices.Path, new { name = "shop-1", kind = "shop" }).ExpectJson(HttpStatusCode.Created);
        Assert.Equal("shop", (string)created["kind"]!);
        Assert.Null(created["lane"]);
        var id = (string)created["deviceId"]!;

        foreach (var role in new[] { "gate", "analyst", "partner", "member" })
        {
            var client = await Gate.ClientWithRoleAsync(app, role);
            await client.PostJson(Devices.Path, new { name = "x" }).ExpectProblem(HttpStatusCode.Forbidden, "forbidden");
            await client.GetAsync(Devices.Path).ExpectProblem(HttpStatusCode.Forbidden, "forbidden");
            await client.DeleteAsync($"{Devices.Path}/{id}").ExpectProblem(HttpStatusCode.Forbidden, "forbidden");
        }
        var anonymous = app.CreateClient();
        await anonymous.PostJson(Devices.Path, new { name = "x" }).ExpectProblem(HttpStatusCode.Unauthorized, "unauthorized");
        await anonymous.GetAsync(Devices.Path).ExpectProblem(HttpStatusCode.Unauthorized, "unauthorized");
        await anonymous.DeleteAsync($"{Devices.Path}/{id}").ExpectProblem(HttpStatusCode.Unauthorized, "unauthorized");
        await anonymous.GetAsync("/api/v1/gate/offline-bundle").ExpectProblem(HttpStatusCode.Unauthorized, "unauthorized");
        var forged = Devices.ClientWithToken(app, "tgd1." + new string('A', 43));
        await forged.GetAsync("/api/v1/gate/offline-bundle").ExpectProblem(HttpStatusCode.Unauthorized, "unauthorized");

        await admin.PostJson(Devices.Path, new { name = "" }).ExpectProblem(HttpStatusCode.BadRequest, "invalid_request");
        await admin.PostJson(Devices.Path, new { name = "x", kind = "turnstile" }).ExpectProblem(HttpStatusCode.BadRequest, "invalid_request");
        await using var connection = await app.Db.OpenAsync();
        Assert.Equal(1, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM devices"));
    }

    [Theory, Engines]
    public async Task Last_seen_is_written_at_most_once_a_minute_per_device(string engine)
    {
        using var app = new TestApp(engine);
        var created = await Devices.RegisterAsync(app);
        var id = (string)created["deviceId"]!;
        var device = Devices.ClientWithToken(app, (string)created["token"]!);
        var registry = app.Get<DeviceRegistry>();
        var first = new DateTimeOffset(2026, 12, 20, 9, 0, 0, TimeSpan.FromHours(9));

        // The app clock runs on from where a test sets it: each check allows the few milliseconds it moved.
        app.Clock.Set(first);
        await device.GetAsync("/api/v1/gate/offline-bundle").ExpectJson(HttpStatusCode.OK);
        await registry.FlushLastSeenAsync();
        var seen = await LastSeenAsync(app, id);
        Assert.InRange(seen, first, first.AddSeconds(5));

        app.Clock.Set(first.AddSeconds(40));
        await device.GetAsync("/api/v1/gate/offline-bundle").ExpectJson(HttpStatusCode.OK);
        await registry.FlushLastSeenAsync();
        Assert.Equal(seen, await LastSeenAsync(app, id));

        app.Clock.Set(first.AddSeconds(70));
        await device.GetAsync("/api/v1/gate/offline-bundle").ExpectJson(HttpStatusCode.OK);
        await registry.FlushLastSeenAsync();
        Assert.InRange(await LastSeenAsync(app, id), first.AddSeconds(70), first.AddSeconds(75));
    }

    private static async Task<DateTimeOffset> LastSeenAsync(TestApp app, string id) =>
        DateTimeOffset.Parse((string)(await Devices.ListedAsync(app, id))!["lastSeenAt"]!, System.Globalization.CultureInfo.InvariantCulture);
}
