using Dapper;

namespace Tidegate.Server.Tests.Audit;

/// <summary>
/// Makes the database refuse audit entries of one action (a trigger, as a full disk or a broken chain
/// would refuse them), to show that the change they describe rolls back with them.
/// </summary>
public static class AuditFailure
{
    public static async Task RefuseAsync(TestApp app, string engine, string action)
    {
        var name = "refuse_" + action.Replace('.', '_');
        await using var connection = await app.Db.OpenAsync();
        if (engine == "postgres")
            await connection.ExecuteAsync($"""
                CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF NEW.action = '{action}' THEN RAISE EXCEPTION 'audit refused by the test'; END IF;
                    RETURN NEW;
                END
                $$;
                CREATE TRIGGER {name} BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION {name}();
                """);
        else
            await connection.ExecuteAsync($"""
                CREATE TRIGGER {name} BEFORE INSERT ON audit_log WHEN NEW.action = '{action}'
                BEGIN SELECT RAISE(ABORT, 'audit refused by the test'); END;
                """);
    }
}
