using System.Reflection;
using Xunit.Sdk;

namespace Tidegate.Server.Tests.Support;

/// <summary>
/// Runs a theory once per database engine: SQLite always, PostgreSQL when TIDEGATE_TEST_POSTGRES
/// holds an admin connection string (CI sets it). With TIDEGATE_REQUIRE_POSTGRES=1 a missing
/// PostgreSQL is an error, not a silent skip.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class EnginesAttribute : DataAttribute
{
    public override IEnumerable<object[]> GetData(MethodInfo testMethod)
    {
        yield return ["sqlite"];
        if (PostgresServer.AdminConnectionString is not null) yield return ["postgres"];
        else if (Environment.GetEnvironmentVariable("TIDEGATE_REQUIRE_POSTGRES") == "1")
            throw new InvalidOperationException("TIDEGATE_REQUIRE_POSTGRES=1 but TIDEGATE_TEST_POSTGRES is not set.");
    }
}
