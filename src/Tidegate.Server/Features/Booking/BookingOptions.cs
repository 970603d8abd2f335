using System.ComponentModel.DataAnnotations;

namespace Tidegate.Server.Features.Booking;

/// <summary>Tidegate:Booking: the hold writer (group commit) and its queue.</summary>
public sealed class BookingOptions
{
    public const string Section = "Tidegate:Booking";

    /// <summary>One multi-row insert per slot in a batch; unset means on for PostgreSQL, off for SQLite.</summary>
    public bool? BulkInsert { get; set; }
    public bool GroupCommit { get; set; } = true;
    [Range(1, int.MaxValue)] public int QueueCapacity { get; set; } = 4096;
    [Range(1, int.MaxValue)] public int MaxBatch { get; set; } = 512;
}

/// <summary>Tidegate:Holds: how often lapsed holds are swept.</summary>
public sealed class HoldOptions
{
    public const string Section = "Tidegate:Holds";

    [Range(1, int.MaxValue)] public int SweepSeconds { get; set; } = 5;
}
