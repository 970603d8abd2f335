using System.ComponentModel.DataAnnotations;

namespace Tidegate.Server.Data;

/// <summary>Tidegate:Database: the engine, its connection, and the write lane's and checkpointer's pacing.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Tidegate:Database";

    /// <summary>sqlite (default) or postgres.</summary>
    public string Provider { get; set; } = "sqlite";
    /// <summary>Required for PostgreSQL; SQLite defaults to tidegate.db in the data directory.</summary>
    public string? ConnectionString { get; set; }
    /// <summary>SQLite's PRAGMA synchronous.</summary>
    public string Synchronous { get; set; } = "FULL";
    /// <summary>PostgreSQL connections per instance, unless the connection string says otherwise.</summary>
    [Range(1, 10_000)] public int MaxPoolSize { get; set; } = 30;
    /// <summary>Works per shared write transaction on SQLite; 0 gives one transaction each.</summary>
    [Range(0, int.MaxValue)] public int WriteLaneBatch { get; set; } = 256;
    [Range(1, int.MaxValue)] public int WriteLaneCapacity { get; set; } = 8192;
    public bool MigrateOnStart { get; set; } = true;
    [Range(1, int.MaxValue)] public int CheckpointMilliseconds { get; set; } = 500;
}
