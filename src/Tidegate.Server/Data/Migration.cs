namespace Tidegate.Server.Data;

/// <summary>One schema step. Most SQL is portable; where the dialects differ, both stand here.</summary>
public sealed record Migration(int Version, string Name, string Sql, string? PostgresSql = null)
{
    public string For(DbEngine engine) => engine == DbEngine.Postgres && PostgresSql is not null ? PostgresSql : Sql;
}
