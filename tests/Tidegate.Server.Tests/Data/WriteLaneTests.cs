using Dapper;
using Tidegate.Server.Data;

namespace Tidegate.Server.Tests.Data;

/// <summary>The write lane: works sharing a transaction keep each other's outcome out of their own.</summary>
public class WriteLaneTests
{
    [Theory, Engines]
    public async Task A_failing_or_undone_work_loses_only_its_own_writes(string engine)
    {
        using var app = new TestApp(engine);
        var start = new TaskCompletionSource();
        var works = Enumerable.Range(0, 60).Select(async i =>
        {
            await start.Task;
            return await app.Db.WriteAsync(async (connection, tx) =>
            {
                await connection.ExecuteAsync(
                    "INSERT INTO payment_events (provider, event_id, payment_ref, received_at) VALUES ('lane', @Id, 'r', 0)", new { Id = $"e{i}" }, tx);
                if (i % 5 == 0) throw new InvalidOperationException($"work {i} failed");
                if (i % 5 == 1) throw new UndoWrite<int>(-i);
                // A later work sees the writes of earlier ones in the same transaction, as if they ran one after another.
                return (int)await connection.ExecuteScalarAsync<long>(
                    "SELECT COUNT(*) FROM payment_events WHERE provider = 'lane' AND event_id = @Id", new { Id = $"e{i}" }, tx) * i;
            });
        }).ToList();
        start.SetResult();

        for (var i = 0; i < works.Count; i++)
        {
            if (i % 5 == 0) Assert.Equal($"work {i} failed", (await Assert.ThrowsAsync<InvalidOperationException>(() => works[i])).Message);
            else Assert.Equal(i % 5 == 1 ? -i : i, await works[i]);
        }
        await using var connection = await app.Db.OpenAsync();
        var kept = (await connection.QueryAsync<string>("SELECT event_id FROM payment_events WHERE provider = 'lane'")).ToHashSet();
        Assert.Equal(Enumerable.Range(0, 60).Where(i => i % 5 > 1).Select(i => $"e{i}").ToHashSet(), kept);
    }

    [Theory, Engines]
    public async Task A_work_that_breaks_a_constraint_fails_alone_and_the_caller_sees_the_engine_error(string engine)
    {
        using var app = new TestApp(engine);
        const string insert = "INSERT INTO payment_events (provider, event_id, payment_ref, received_at) VALUES ('lane', @Id, 'r', 0)";
        await app.Db.WriteAsync((connection, tx) => connection.ExecuteAsync(insert, new { Id = "taken" }, tx));
        var duplicate = app.Db.WriteAsync((connection, tx) => connection.ExecuteAsync(insert, new { Id = "taken" }, tx));
        var other = app.Db.WriteAsync((connection, tx) => connection.ExecuteAsync(insert, new { Id = "free" }, tx));
        var error = await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => duplicate);
        Assert.True(Db.IsUniqueViolation(error));
        Assert.Equal(1, await other);
    }
}
