namespace Tidegate.Server.Tests.Support;

/// <summary>
/// A test that needs Debian's nginx and PostgreSQL (several instances behind the proxy): skipped
/// without them, unless CI requires them (TIDEGATE_REQUIRE_NGINX=1, TIDEGATE_REQUIRE_POSTGRES=1).
/// </summary>
public sealed class NginxFactAttribute : FactAttribute
{
    public NginxFactAttribute()
    {
        if (!Nginx.Available)
        {
            if (Environment.GetEnvironmentVariable("TIDEGATE_REQUIRE_NGINX") == "1")
                throw new InvalidOperationException($"TIDEGATE_REQUIRE_NGINX=1 but {Nginx.Binary} is not installed (apt-get install nginx).");
            Skip = $"nginx not installed ({Nginx.Binary})";
        }
        else if (PostgresServer.AdminConnectionString is null)
        {
            if (Environment.GetEnvironmentVariable("TIDEGATE_REQUIRE_POSTGRES") == "1" || Environment.GetEnvironmentVariable("TIDEGATE_REQUIRE_NGINX") == "1")
                throw new InvalidOperationException("The nginx test needs PostgreSQL, but TIDEGATE_TEST_POSTGRES is not set.");
            Skip = "PostgreSQL not configured (TIDEGATE_TEST_POSTGRES)";
        }
    }
}
