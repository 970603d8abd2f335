namespace Tidegate.Server.Tests.Support;

/// <summary>A test that needs PostgreSQL (several instances over one database): skipped without it, unless CI requires it.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (PostgresServer.AdminConnectionString is not null) return;
        if (Environment.GetEnvironmentVariable("TIDEGATE_REQUIRE_POSTGRES") == "1")
            throw new InvalidOperationException("TIDEGATE_REQUIRE_POSTGRES=1 but TIDEGATE_TEST_POSTGRES is not set.");
        Skip = "PostgreSQL not configured (TIDEGATE_TEST_POSTGRES)";
    }
}
