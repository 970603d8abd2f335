using Dapper;
using Tidegate.Server.Features.Devices;
using Tidegate.Server.Tests.Audit;

namespace Tidegate.Server.Tests.Devices;

/// <summary>Registering and revoking a device are audited in the same transaction; the list says which devices are online.</summary>
public class DeviceAuditTests
{
    [Theory, Engines]
    public async Task Registering_and_revoking_each_write_one_audit_entry_by_the_person_who_did_it(string engine)
    {
        using var app = new TestApp(engine);
        var sato = await AdminClients.AsAsync(app, "operator", "op-sato");
        var created = await sato.PostJson(Devices.Path, new { name = "East tablet", lane = "east-1", kind = "gate" }).ExpectJson(HttpStatusCode.Created);
        var id = (string)created["deviceId"]!;
        Assert.Equal(HttpStatusCode.NoContent, (await sato.DeleteAsync($"{Devices.Path}/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await sato.DeleteAsync($"{Devices.Path}/{id}")).StatusCode); // again: nothing more to record
        Assert.Equal(HttpStatusCode.NotFound, (await sato.DeleteAsync($"{Devices.Path}/no-such-device")).StatusCode);
        await sato.PostJson(Devices.Path, new { name = "" }).ExpectProblem(HttpStatusCode.BadRequest, "invalid_request");

        var admin = await AdminClients.AsAsync(app, "admin");
        var entries = (await admin.GetAsync("/api/v1/admin/audit").ExpectJson(HttpStatusCode.OK))["items"]!.AsArray();
        Assert.Equal([("device.revoked", id, "op-sato", "operator"), ("device.registered", id, "op-sato", "operator")],
            entries.Select(e => ((string)e!["action"]!, (string)e["target"]!, (string)e["actor"]!, (string)e["role"]!)));
        Assert.Equal("kind=gate lane=east-1 name=East tablet", (string)entries[1]!["detail"]!);
        Assert.DoesNotContain((string)created["token"]!, string.Join("|", entries.Select(e => e!.ToJsonString())));
    }

    [Theory, Engines]
    public async Task A_registration_or_revocation_whose_audit_entry_fails_does_not_happen(string engine)
    {
        using var app = new TestApp(engine);
        var kept = await Devices.RegisterAsync(app, "kept", "west-1");
        await AuditFailure.RefuseAsync(app, engine, "device.registered");
        var sato = await AdminClients.AsAsync(app, "operator", "op-sato");

        Assert.Equal(HttpStatusCode.InternalServerError, (await sato.PostJson(Devices.Path, new { name = "East tablet" })).StatusCode);
        await using (var connection = await app.Db.OpenAsync())
            Assert.Equal(0L, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM devices WHERE name = 'East tablet'"));

        await AuditFailure.RefuseAsync(app, engine, "device.revoked");
        var id = (string)kept["deviceId"]!;
        Assert.Equal(HttpStatusCode.InternalServerError, (await sato.DeleteAsync($"{Devices.Path}/{id}")).StatusCode);
        Assert.False((bool)(await Devices.ListedAsync(app, id))!["revoked"]!);
        await Devices.ClientWithToken(app, (string)kept["token"]!).GetAsync("/api/v1/gate/device").ExpectJson(HttpStatusCode.OK);
    }

    [Theory, Engines]
    public async Task A_device_is_online_while_it_was_seen_in_the_last_five_minutes(string engine)
    {
        using var app = new TestApp(engine);
        var created = await Devices.RegisterAsync(app);
        var id = (string)created["deviceId"]!;
        Assert.False((bool)(await Devices.ListedAsync(app, id))!["online"]!); // never seen

        await Devices.ClientWithToken(app, (string)created["token"]!).GetAsync("/api/v1/gate/device").ExpectJson(HttpStatusCode.OK);
        await app.Get<DeviceRegistry>().FlushLastSeenAsync();
        Assert.True((bool)(await Devices.ListedAsync(app, id))!["online"]!);

        app.Clock.Advance(TimeSpan.FromMinutes(4.9));
        Assert.True((bool)(await Devices.ListedAsync(app, id))!["online"]!);
        app.Clock.Advance(TimeSpan.FromMinutes(0.2));
        Assert.False((bool)(await Devices.ListedAsync(app, id))!["online"]!);
    }
}
