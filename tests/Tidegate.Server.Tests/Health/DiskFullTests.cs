using Npgsql;
using Tidegate.Server.Infrastructure;

namespace Tidegate.Server.Tests.Health;

/// <summary>A full disk is a 503 to retry later and an unready instance, never a 500; it recovers by itself.</summary>
public class DiskFullTests
{
    [RootFact]
    public async Task A_full_disk_answers_503_with_retry_after_and_is_not_ready_until_writes_succeed_again()
    {
        using var disk = new TinyDisk(megabytes: 8);
        using var app = new TestApp("sqlite", new Dictionary<string, string?>
        {
            ["Tidegate:DataDirectory"] = disk.Path,
            ["Tidegate:Database:ConnectionString"] = $"Data Source={Path.Combine(disk.Path, "tidegate.db")}",
        });
        var client = app.CreateClient();
        await client.PostJson("/api/v1/bookings", Api.Guest(email: "first@example.com")).ExpectJson(HttpStatusCode.Created);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);

        disk.Fill();
        HttpResponseMessage refused = null!;
        for (var i = 0; i < 2000; i++) // the WAL still has room for a few bookings; then there is no space left
        {
            refused = await client.PostJson("/api/v1/bookings", Api.Guest(email: $"guest{i}@example.com", start: i % 2 == 0 ? "11:00" : "11:15", adult: 1));
            if (refused.StatusCode != HttpStatusCode.Created) break;
        }

        await refused.ExpectProblem(HttpStatusCode.ServiceUnavailable, "unavailable");
        Assert.Equal(TimeSpan.FromSeconds(StorageFull.RetryAfterSeconds), refused.Headers.RetryAfter?.Delta);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/health/ready")).StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/health/ready")).StatusCode); // the probe write fails too

        disk.Free();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
        await client.PostJson("/api/v1/bookings", Api.Guest(email: "after@example.com", start: "12:00")).ExpectJson(HttpStatusCode.Created);
    }

    [Fact]
    public void Postgres_disk_full_and_sqlite_full_are_recognised_through_wrappers()
    {
        var postgres = new PostgresException("could not extend file: No space left on device", "ERROR", "ERROR", "53100");
        Assert.True(StorageFull.IsDiskFull(postgres));
        Assert.True(StorageFull.IsDiskFull(new InvalidOperationException("batch failed", postgres)));
        Assert.True(StorageFull.IsDiskFull(new AggregateException(new Microsoft.Data.Sqlite.SqliteException("database or disk is full", 13))));
        Assert.False(StorageFull.IsDiskFull(new PostgresException("duplicate", "ERROR", "ERROR", "23505")));
        Assert.True(StorageFull.IsDiskFull(new Microsoft.Data.Sqlite.SqliteException("disk I/O error", 10, 4874))); // SQLITE_IOERR_SHMSIZE
        Assert.True(StorageFull.IsDiskFull(new IOException("No space left on device : '/data/dev-secrets.json'")));
        Assert.False(StorageFull.IsDiskFull(new Microsoft.Data.Sqlite.SqliteException("busy", 5)));
    }
}
