using Npgsql;
using Tidegate.Server.Infrastructure;

namespace Tidegate.Server.Tests.Health;

/// <summary>A database that drops its connections (a restart, a failover) is a 503 to retry, never a 500; it recovers by itself.</summary>
public class DatabaseRestartTests
{
    [PostgresFact]
    public async Task Connections_ended_by_the_server_answer_503_with_retry_after_then_bookings_resume()
    {
        using var app = new TestApp("postgres");
        var client = app.CreateClient();
        // Warm several pooled connections, so the ended ones are reused by the requests below.
        await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            client.PostJson("/api/v1/bookings", Api.Guest(email: $"warm{i}@example.com", adult: 1)).ExpectJson(HttpStatusCode.Created)));

        EndConnectionsOf(app.Db.ConnectionString);
        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 12; i++)
            answers.Add(await client.PostJson("/api/v1/bookings", Api.Guest(email: $"after{i}@example.com", adult: 1)));

        Assert.DoesNotContain(answers, a => (int)a.StatusCode >= 500 && a.StatusCode != HttpStatusCode.ServiceUnavailable);
        foreach (var refused in answers.Where(a => a.StatusCode == HttpStatusCode.ServiceUnavailable))
        {
            await refused.ExpectProblem(HttpStatusCode.ServiceUnavailable, "unavailable");
            Assert.NotNull(refused.Headers.RetryAfter);
        }
        Assert.Equal(HttpStatusCode.Created, answers[^1].StatusCode);
    }

    [Fact]
    public void Restarts_and_refused_connections_are_recognised_and_ordinary_errors_are_not()
    {
        Assert.True(DatabaseUnreachable.Is(new PostgresException("terminating connection due to administrator command", "FATAL", "FATAL", "57P01")));
        Assert.True(DatabaseUnreachable.Is(new PostgresException("the database system is starting up", "FATAL", "FATAL", "57P03")));
        Assert.True(DatabaseUnreachable.Is(new InvalidOperationException("batch", new NpgsqlException("Failed to connect", new System.Net.Sockets.SocketException(111)))));
        Assert.True(DatabaseUnreachable.Is(new NpgsqlException("Exception while reading from stream", new EndOfStreamException())));
        Assert.False(DatabaseUnreachable.Is(new PostgresException("duplicate key", "ERROR", "ERROR", "23505")));
        Assert.False(DatabaseUnreachable.Is(new PostgresException("could not extend file", "ERROR", "ERROR", "53100")));
        Assert.False(DatabaseUnreachable.Is(new InvalidOperationException("a bug")));
    }

    private static void EndConnectionsOf(string connectionString)
    {
        var database = new NpgsqlConnectionStringBuilder(connectionString).Database;
        using var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(PostgresServer.AdminConnectionString) { Pooling = false }.ConnectionString);
        admin.Open();
        using var end = new NpgsqlCommand("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = @database", admin);
        end.Parameters.AddWithValue("database", database!);
        Assert.True((long)end.ExecuteScalar()! > 0);
    }
}
