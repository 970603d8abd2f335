using Npgsql;

namespace Tidegate.Server.Tests.Support;

/// <summary>
/// Creates a fresh database per test app on the PostgreSQL server the tests were given, and drops it
/// after. Admin connections are unpooled and nothing clears Npgsql's global pools: tests run in
/// parallel, and clearing the pools while another test opened one failed a test once ("Collection
/// was modified"). DROP … WITH (FORCE) ends whatever connections are left.
/// </summary>
public static class PostgresServer
{
    public static string? AdminConnectionString => Environment.GetEnvironmentVariable("TIDEGATE_TEST_POSTGRES");

    private static string Admin => new NpgsqlConnectionStringBuilder(AdminConnectionString) { Pooling = false }.ConnectionString;

    public static string CreateDatabase()
    {
        var name = "tg_test_" + Guid.NewGuid().ToString("N")[..16];
        using (var connection = new NpgsqlConnection(Admin))
        {
            connection.Open();
            using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            create.ExecuteNonQuery();
        }
        return new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name, Pooling = true, MaxPoolSize = 20 }.ConnectionString;
    }

    public static void DropDatabase(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        using var connection = new NpgsqlConnection(Admin);
        connection.Open();
        using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
        drop.ExecuteNonQuery();
    }
}
