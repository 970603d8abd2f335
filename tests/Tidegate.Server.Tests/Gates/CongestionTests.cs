namespace Tidegate.Server.Tests.Gates;

public class CongestionTests
{
    [Theory, Engines]
    public async Task Inside_is_entries_minus_exits_and_the_dwell_time_covers_missing_exits(string engine)
    {
        using var app = new TestApp(engine, new Dictionary<string, string?> { ["Tidegate:Congestion:ComfortableCapacity"] = "10" });
        var first = await Gate.ConfirmedTicketAsync(app, adult: 3, child: 1);
        var second = await Gate.ConfirmedTicketAsync(app, adult: 2, child: 2);
        var gate = await Gate.ClientWithRoleAsync(app, "gate");
        var client = app.CreateClient();
        app.Clock.Set(Gate.SlotStart);
        await gate.ScanOkAsync(first.Code);
        await gate.ScanOkAsync(second.Code, admit: 3);

        var before = await client.GetAsync("/api/v1/congestion").ExpectJson(HttpStatusCode.OK);
        Assert.Equal(7, (int)before["inside"]!);
        Assert.Equal(10, (int)before["comfortableCapacity"]!);
        Assert.Equal("moderate", (string)before["level"]!);
        Assert.EndsWith("+09:00", (string)before["asOf"]!);

        Assert.Equal(HttpStatusCode.NoContent, (await gate.PostJson("/api/v1/gate/exits", new { gateId = "west-1", count = 2, nonce = "exit-1" })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await gate.PostJson("/api/v1/gate/exits", new { gateId = "west-1", count = 2, nonce = "exit-1" })).StatusCode);
        Assert.Equal(5, (int)(await client.GetAsync("/api/v1/congestion").Json())["inside"]!);

        app.Clock.Set(Gate.SlotStart.AddMinutes(121)); // nobody stays forever: the dwell time says they left
        var later = await client.GetAsync("/api/v1/congestion").ExpectJson(HttpStatusCode.OK);
        Assert.Equal(0, (int)later["inside"]!);
        Assert.Equal("low", (string)later["level"]!);
    }

    [Theory, Engines]
    public async Task The_forecast_counts_confirmed_bookings_of_the_slots_within_the_dwell_time(string engine)
    {
        using var app = new TestApp(engine, new Dictionary<string, string?> { ["Tidegate:Congestion:ComfortableCapacity"] = "4" });
        await Gate.ConfirmedTicketAsync(app, start: "10:00", adult: 2, child: 0);
        await Gate.ConfirmedTicketAsync(app, start: "11:00", adult: 2, child: 1);
        app.Clock.Set(Gate.SlotStart);
        var forecast = (await app.CreateClient().GetAsync("/api/v1/congestion").Json())["forecast"]!.AsArray()
            .ToDictionary(f => ((string)f!["start"]!)[11..16], f => ((int)f!["expectedInside"]!, (string)f["level"]!));
        Assert.Equal(28, forecast.Count);
        Assert.Equal((2, "moderate"), forecast["10:00"]);
        Assert.Equal((5, "very_crowded"), forecast["11:00"]);
        Assert.Equal((3, "moderate"), forecast["12:00"]);
        Assert.Equal((0, "low"), forecast["13:00"]);
    }
}
