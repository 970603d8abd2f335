using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Tidegate.Bench;

/// <summary>The engine under test: SQLite (default, synchronous=FULL) or PostgreSQL (--postgres CONNSTRING, synchronous_commit on).</summary>
public sealed class Engine(string? postgres, int instances = 1, bool proxy = false)
{
    /// <summary>--proxy: visitors go through nginx running the shipped deploy/nginx/tidegate.conf in front of the instances.</summary>
    public bool Proxy { get; } = proxy;
    private readonly List<string> _databases = [];
    public string? Postgres { get; } = postgres;
    /// <summary>Tidegate instances over the one database (--instances N, PostgreSQL only): BENCHMARK scenario 7.</summary>
    public int Instances { get; } = instances;
    public string Name => Postgres is null ? "sqlite" : "postgres";
    public string Durability => Postgres is null ? "synchronous=FULL, WAL (fsync on every commit)" : "synchronous_commit=on";

    public string CreateDatabase(string admin)
    {
        var name = "tg_bench_" + Guid.NewGuid().ToString("N")[..12];
        using (var c = new NpgsqlConnection(admin)) { c.Open(); c.Execute($"CREATE DATABASE {name}"); }
        _databases.Add(name);
        // The server's own pool limit applies (30 per instance), so instances × pool fits max_connections.
        return new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
    }

    public void DropDatabases()
    {
        if (Postgres is null) return;
        NpgsqlConnection.ClearAllPools();
        foreach (var name in _databases)
        {
            using var c = new NpgsqlConnection(Postgres);
            c.Open();
            c.Execute($"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
        }
        _databases.Clear();
    }

    /// <summary>Opens the database a server used, to check it after the run.</summary>
    public DbConnection Open(ServerProcess server)
    {
        DbConnection c = Postgres is null
            ? new SqliteConnection($"Data Source={server.SqlitePath};Mode=ReadOnly")
            : new NpgsqlConnection(new NpgsqlConnectionStringBuilder(Postgres) { Database = _databases[^1] }.ConnectionString);
        c.Open();
        return c;
    }

    /// <summary>Slots whose held or confirmed persons exceed their online capacity, or whose counter does.</summary>
    public static int Oversold(DbConnection c) => c.ExecuteScalar<int>("""
        SELECT COUNT(*) FROM slots s
        WHERE s.online_taken > s.online_capacity
           OR (SELECT COALESCE(SUM(b.persons), 0) FROM bookings b
               WHERE b.visit_date = s.visit_date AND b.start_minute = s.start_minute AND b.status IN ('held', 'confirmed')) > s.online_capacity
        """);
}
