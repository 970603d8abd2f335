using System.Diagnostics;
using Dapper;
using Tidegate.Server.Infrastructure.Jobs;

namespace Tidegate.Server.Tests.ScaleOut;

/// <summary>Background jobs run on one instance at a time, and another takes them over when the holder stops or dies.</summary>
public class JobLeaseTests
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(6);

    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["Tidegate:Jobs:LeaseSeconds"] = "6",
        ["Tidegate:Jobs:RenewSeconds"] = "0.5",
        ["Tidegate:Payments:Reconcile:IntervalSeconds"] = "0.2",
        ["Tidegate:Mail:PollSeconds"] = "0.2",
        ["Tidegate:Mail:Reminders:EverySeconds"] = "0.2",
    };

    [PostgresFact]
    public async Task Each_job_runs_on_one_instance_and_another_takes_over_when_its_holder_stops_or_dies()
    {
        using var owner = new TestApp("postgres", Settings);
        await owner.Get<JobLeases>().StopAsync(default); // the database's owner stays out, so either contender below can be stopped
        using var a = new TestApp(owner);
        var b = new TestApp(owner);
        try
        {
            await Until(async () => (await HoldersAsync(owner)).Count == JobNames.Leased.Count, "both contenders start");

            // Each job runs, and only on the instance whose lease is in the table. A window in which a
            // lease changed hands (a renewal starved past the lease on a loaded machine: a legitimate
            // handover) proves nothing either way, so it is watched again.
            Dictionary<string, (long A, long B)> before;
            Dictionary<string, string> holders;
            for (var window = 1; ; window++)
            {
                var holdersBefore = await HoldersAsync(owner);
                before = JobNames.Leased.ToDictionary(j => j, j => (A: Runs(a, j), B: Runs(b, j)));
                await Until(() => Task.FromResult(JobNames.Leased.All(j => Runs(a, j) + Runs(b, j) >= before[j].A + before[j].B + 3)), "every job runs");
                holders = await HoldersAsync(owner);
                if (holders.All(h => holdersBefore[h.Key] == h.Value)) break;
                Assert.True(window < 3, "the leases kept changing hands");
            }
            foreach (var job in JobNames.Leased)
            {
                var (holder, idle) = holders[job] == Holder(a) ? (a, b) : (b, a);
                Assert.Equal(holders[job], Holder(holder));
                Assert.True(Runs(holder, job) > (holder == a ? before[job].A : before[job].B), $"{job} ran on its holder");
                Assert.Equal(idle == a ? before[job].A : before[job].B, Runs(idle, job));
                Assert.False(idle.Get<JobLeases>().Holds(job));
            }

            // The sweeper's holder stops: the other instance takes its jobs at its next renewal.
            var (stopping, staying) = holders[JobNames.HoldSweeper] == Holder(a) ? (a, b) : (b, a);
            var ranBefore = Runs(staying, JobNames.HoldSweeper);
            var watch = Stopwatch.StartNew();
            stopping.Dispose();
            await Until(() => Task.FromResult(Runs(staying, JobNames.HoldSweeper) > ranBefore), "the other instance sweeps");
            Assert.True(watch.Elapsed < Lease, $"taken over after {watch.Elapsed}");
            Assert.All((await HoldersAsync(owner)).Values, h => Assert.Equal(Holder(staying), h));

            // A holder that dies leaves its lease behind: it is respected until it expires, then taken over.
            var diedAt = staying.Clock.GetUtcNow();
            await using (var connection = await owner.Db.OpenAsync())
                await connection.ExecuteAsync("UPDATE job_leases SET holder = 'crashed-instance', expires_at = @At",
                    new { At = diedAt.Add(Lease).ToUnixTimeMilliseconds() });
            watch.Restart();
            await Until(() => Task.FromResult(!staying.Get<JobLeases>().Holds(JobNames.HoldSweeper)), "the live instance yields to the lease");
            var yielded = Runs(staying, JobNames.HoldSweeper);
            await Until(() => Task.FromResult(Runs(staying, JobNames.HoldSweeper) > yielded), "the lapsed lease is taken over", seconds: 15);
            Assert.InRange(watch.Elapsed, Lease - TimeSpan.FromSeconds(1), Lease + TimeSpan.FromSeconds(3));
        }
        finally
        {
            b.Dispose();
        }
    }

    [Fact]
    public async Task On_sqlite_the_one_instance_holds_every_lease_without_a_row()
    {
        using var app = new TestApp("sqlite", Settings);
        await Until(() => Task.FromResult(JobNames.Leased.Append(JobNames.SqliteCheckpointer).All(j => Runs(app, j) > 0)), "every job runs");
        await using var connection = await app.Db.OpenAsync();
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM job_leases"));
    }

    private static long Runs(TestApp app, string job) => app.Get<JobLeases>().RunsOf(job);

    private static string Holder(TestApp app) => app.Get<JobLeases>().Holder;

    private static async Task<Dictionary<string, string>> HoldersAsync(TestApp app)
    {
        await using var connection = await app.Db.OpenAsync();
        return (await connection.QueryAsync<(string Name, string Holder)>("SELECT name, holder FROM job_leases")).ToDictionary(r => r.Name, r => r.Holder);
    }

    private static async Task Until(Func<Task<bool>> condition, string what, int seconds = 10)
    {
        var until = DateTime.UtcNow.AddSeconds(seconds);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < until, $"timed out waiting until {what}");
            await Task.Delay(50);
        }
    }
}
