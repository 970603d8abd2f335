using Npgsql;

namespace Tidegate.Server.Tests.Support;

/// <summary>Creates a fresh database per test app on the PostgreSQL server the tests were given, and drops it after.</summary>
public static class PostgresServer
{
    public static string? AdminConnectionString => Environment.GetEnvironmentVariable("TIDEGATE_TEST_POSTGRES");

    public static string CreateDatabase()
    {
        var name = "tg_test_" + Guid.NewGuid().ToString("N")[..16];
        using (var connection = new NpgsqlConnection(AdminConnectionString))
        {
            connection.Open();
            using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            create.ExecuteNonQuery();
        }
        return new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name, Pooling = true, MaxPoolSize = 60 }.ConnectionString;
    }

    public static void DropDatabase(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        NpgsqlConnection.ClearAllPools();
        using var connection = new NpgsqlConnection(AdminConnectionString);
        connection.Open();
        using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
        drop.ExecuteNonQuery();
    }
}
