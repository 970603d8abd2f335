using Dapper;
using Tidegate.Server.Data;

namespace Tidegate.Server.Tests.Data;

/// <summary>
/// A write inside a write waits for the writer's turn it holds itself (on SQLite the lane's writer
/// or the gate): it is refused at once instead. The guard only bounds a regression's hang.
/// </summary>
public class WriteReentryTests
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(30);
    private const string Insert = "INSERT INTO payment_events (provider, event_id, payment_ref, received_at) VALUES ('reentry', @Id, 'r', 0)";

    [Theory, Engines]
    public async Task A_lane_work_that_calls_the_lane_is_refused_and_its_writes_undone(string engine)
    {
        using var app = new TestApp(engine);
        var outer = app.Db.WriteAsync(async (connection, tx) =>
        {
            await connection.ExecuteAsync(Insert, new { Id = "outer" }, tx);
            return await app.Db.WriteAsync((inner, innerTx) => inner.ExecuteAsync(Insert, new { Id = "inner" }, innerTx));
        });
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => outer.WaitAsync(Guard));
        Assert.Contains("call the write lane", error.Message);
        Assert.Empty(await EventsAsync(app));
    }

    [Theory, Engines]
    public async Task A_lane_work_that_opens_a_write_transaction_is_refused(string engine)
    {
        using var app = new TestApp(engine);
        var outer = app.Db.WriteAsync(async (_, _) =>
        {
            await using var write = await app.Db.BeginWriteAsync();
            return 1;
        });
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => outer.WaitAsync(Guard));
        Assert.Contains("open another write transaction", error.Message);
    }

    [Theory, Engines]
    public async Task A_write_transaction_refuses_the_lane_until_it_is_disposed(string engine)
    {
        using var app = new TestApp(engine);
        await using (var write = await app.Db.BeginWriteAsync())
        {
            await write.Connection.ExecuteAsync(Insert, new { Id = "first" }, write.Transaction);
            var error = await Assert.ThrowsAsync<InvalidOperationException>(
                () => app.Db.WriteAsync((connection, tx) => connection.ExecuteAsync(Insert, new { Id = "inside" }, tx)).WaitAsync(Guard));
            Assert.Contains("call the write lane", error.Message);
            await Assert.ThrowsAsync<InvalidOperationException>(async () => { await using var again = await app.Db.BeginWriteAsync(); });
            await write.CommitAsync();
        }
        // The same flow writes again once its transaction is given back.
        await app.Db.WriteAsync((connection, tx) => connection.ExecuteAsync(Insert, new { Id = "after" }, tx)).WaitAsync(Guard);
        Assert.Equal(["after", "first"], await EventsAsync(app));
    }

    private static async Task<List<string>> EventsAsync(TestApp app)
    {
        await using var connection = await app.Db.OpenAsync();
        return (await connection.QueryAsync<string>("SELECT event_id FROM payment_events WHERE provider = 'reentry' ORDER BY event_id")).ToList();
    }
}
