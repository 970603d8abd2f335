using System.Data.Common;
using System.Diagnostics;
using Dapper;
using Microsoft.Data.Sqlite;
using Npgsql;
using Tidegate.Server.Data;
using Tidegate.Server.Data.Migrations;
using Tidegate.Server.Features.Booking;

namespace Tidegate.Bench.Scenarios;

/// <summary>
/// The baseline group commit must beat: the same engine and durability, the server's own schema
/// and SQL, one transaction per booking (conditional claim + booking insert + commit), from
/// <c>workers</c> concurrent connections until the slot is full. No HTTP, so it is the engine's best case.
/// </summary>
public static class RawEngine
{
    public static async Task<double> MeasureAsync(Engine engine, int capacity, int workers)
    {
        var data = Path.Combine(Path.GetTempPath(), "tidegate-bench", "raw-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(data);
        var sqlite = $"Data Source={Path.Combine(data, "raw.db")};Pooling=True";
        var pg = engine.Postgres is { } admin ? engine.CreateDatabase(admin) : null;
        try
        {
            DbConnection Open()
            {
                DbConnection c = pg is null ? new SqliteConnection(sqlite) : new NpgsqlConnection(pg);
                c.Open();
                if (pg is null) c.Execute("PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA busy_timeout = 10000;");
                return c;
            }
            await using (var setup = Open())
            {
                foreach (var m in MigrationList.All) setup.Execute(m.For(pg is null ? DbEngine.Sqlite : DbEngine.Postgres));
                setup.Execute("INSERT INTO slots (visit_date, start_minute, capacity, online_capacity) VALUES ('2026-12-20', 630, @capacity, @capacity)", new { capacity });
            }
            var clock = Stopwatch.StartNew();
            var committed = 0;
            await Task.WhenAll(Enumerable.Range(0, workers).Select(w => Task.Run(async () =>
            {
                await using var c = Open();
                for (var i = 0; ; i++)
                {
                    await using var tx = c is SqliteConnection s ? s.BeginTransaction(deferred: false) : await c.BeginTransactionAsync();
                    var left = await c.QuerySingleOrDefaultAsync<long?>(BookingSql.Claim,
                        new { VisitDate = "2026-12-20", StartMinute = 630, Persons = 1 }, tx);
                    if (left is null) { await tx.RollbackAsync(); return; }
                    await c.ExecuteAsync(BookingSql.InsertHold, new
                    {
                        Id = Guid.CreateVersion7().ToString(), VisitDate = "2026-12-20", StartMinute = 630, Channel = "web",
                        Adults = 1, Children = 0, Infants = 0, Toddlers = 0, Persons = 1, Amount = 2000,
                        PersonKey = $"raw-{w}-{i}", MemberId = (string?)null, EmailEnc = (string?)null, NameEnc = (string?)null,
                        CreatedAt = 0L, ExpiresAt = long.MaxValue, Language = (string?)null,
                    }, tx);
                    await tx.CommitAsync();
                    Interlocked.Increment(ref committed);
                }
            })));
            return committed / clock.Elapsed.TotalSeconds;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            try { Directory.Delete(data, recursive: true); } catch (IOException) { }
        }
    }
}
