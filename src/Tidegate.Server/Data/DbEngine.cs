namespace Tidegate.Server.Data;

public enum DbEngine { Sqlite, Postgres }
