using System.Diagnostics;
using Tidegate.Server.Tests.Devices;

namespace Tidegate.Server.Tests.ScaleOut;

/// <summary>A device registered or revoked through one instance is known to the other within about a second.</summary>
public class DeviceRevocationTests
{
    [PostgresFact]
    public async Task A_device_revoked_through_one_instance_is_refused_by_the_other_within_a_second()
    {
        using var first = new TestApp("postgres");
        using var second = new TestApp(first);
        var created = await Devices.Devices.RegisterAsync(first);
        var onSecond = Devices.Devices.ClientWithToken(second, (string)created["token"]!);
        var watch = Stopwatch.StartNew();
        while (await StatusAsync(onSecond) != HttpStatusCode.OK && watch.Elapsed < TimeSpan.FromSeconds(5)) await Task.Delay(20);
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(onSecond)); // registered on the first, admitted by the second

        var operatorClient = await Gate.ClientWithRoleAsync(first, "operator");
        Assert.Equal(HttpStatusCode.NoContent, (await operatorClient.DeleteAsync($"{Devices.Devices.Path}/{created["deviceId"]}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(Devices.Devices.ClientWithToken(first, (string)created["token"]!)));

        watch.Restart();
        while (await StatusAsync(onSecond) != HttpStatusCode.Unauthorized && watch.Elapsed < TimeSpan.FromSeconds(5)) await Task.Delay(20);
        var refusedAfter = watch.Elapsed;
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(onSecond));
        Assert.True(refusedAfter < TimeSpan.FromSeconds(1.5), $"refused by the second instance only after {refusedAfter}");
    }

    private static async Task<HttpStatusCode> StatusAsync(HttpClient client) =>
        (await client.GetAsync("/api/v1/gate/device")).StatusCode;
}
