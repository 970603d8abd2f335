using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;
using Npgsql;
using Tidegate.Server.Data;
using Tidegate.Server.Tests.Support;

namespace Tidegate.Server.Tests.Data;

/// <summary>
/// DateOnly and DateTimeOffset go into our TEXT and BIGINT columns as yyyy-MM-dd and unix milliseconds,
/// and come back as themselves, on both engines: as parameters of an anonymous object, of
/// DynamicParameters, as row properties, scalars and tuple elements.
/// </summary>
public class DbMappingTests
{
    private static readonly DateOnly Day = new(2031, 4, 5);
    private static readonly DateTimeOffset Instant = DateTimeOffset.FromUnixTimeMilliseconds(1_933_000_000_123);

    public sealed class Row
    {
        public DateOnly VisitDate { get; set; }
        public DateTimeOffset At { get; set; }
        public DateOnly? MoveDate { get; set; }
        public DateTimeOffset? EndedAt { get; set; }
    }

    [Theory, Engines]
    public async Task Dates_and_instants_are_stored_as_text_and_milliseconds_and_read_back(string engine)
    {
        DbMapping.Configure();
        await using var connection = await OpenAsync(engine);
        await connection.ExecuteAsync("CREATE TEMP TABLE typed (visit_date TEXT NOT NULL, at BIGINT NOT NULL, move_date TEXT NULL, ended_at BIGINT NULL)");

        await connection.ExecuteAsync("INSERT INTO typed VALUES (@VisitDate, @At, @MoveDate, @EndedAt)",
            new Row { VisitDate = Day, At = Instant, MoveDate = null, EndedAt = Instant });
        var dynamic = new DynamicParameters();
        dynamic.Add("VisitDate", Day.AddDays(1));
        dynamic.Add("At", Instant.AddMilliseconds(1));
        dynamic.Add("MoveDate", (DateOnly?)Day);
        await connection.ExecuteAsync("INSERT INTO typed (visit_date, at, move_date) VALUES (@VisitDate, @At, @MoveDate)", dynamic);

        var stored = (await connection.QueryAsync<(string, long, string?)>("SELECT visit_date, at, move_date FROM typed ORDER BY at")).ToList();
        Assert.Equal([("2031-04-05", 1_933_000_000_123L, null), ("2031-04-06", 1_933_000_000_124L, "2031-04-05")], stored);

        var rows = (await connection.QueryAsync<Row>("SELECT * FROM typed ORDER BY at")).ToList();
        Assert.Equal([Day, Day.AddDays(1)], rows.Select(r => r.VisitDate));
        Assert.Equal([Instant, Instant.AddMilliseconds(1)], rows.Select(r => r.At));
        Assert.Equal([null, Day], rows.Select(r => r.MoveDate));
        Assert.Equal([Instant, null], rows.Select(r => r.EndedAt));

        Assert.Equal(Day, await connection.ExecuteScalarAsync<DateOnly>("SELECT MIN(visit_date) FROM typed WHERE at >= @Instant", new { Instant }));
        Assert.Equal(Instant.AddMilliseconds(1), await connection.ExecuteScalarAsync<DateTimeOffset>("SELECT MAX(at) FROM typed WHERE visit_date > @Day", new { Day }));
        Assert.Equal([Day, Day.AddDays(1)], await connection.QueryAsync<DateOnly>("SELECT visit_date FROM typed WHERE visit_date BETWEEN @From AND @To ORDER BY 1",
            new { From = Day, To = Day.AddDays(1) }));
        var tuple = await connection.QuerySingleAsync<(DateOnly Date, long Count)>("SELECT visit_date, COUNT(*) FROM typed WHERE visit_date = @Day GROUP BY visit_date", new { Day });
        Assert.Equal((Day, 1L), tuple);
    }

    private static async Task<DbConnection> OpenAsync(string engine)
    {
        DbConnection connection = engine == "postgres"
            ? new NpgsqlConnection(PostgresServer.AdminConnectionString)
            : new SqliteConnection("Data Source=:memory:");
        await connection.OpenAsync();
        return connection;
    }
}
