using System.ComponentModel.DataAnnotations;
using Tidegate.Domain.Gates;

namespace Tidegate.Server.Features.Gates;

/// <summary>Tidegate:Gates: the entry window around a slot and the scan writer (group commit).</summary>
public sealed class GateOptions
{
    public const string Section = "Tidegate:Gates";

    /// <summary>Defaults are the domain's <see cref="EntryWindow.Standard"/> (SPEC §5), defined there only.</summary>
    [Range(0, 24 * 60)] public int EntryBeforeMinutes { get; set; } = EntryWindow.Standard.BeforeStartMinutes;
    [Range(0, 24 * 60)] public int EntryAfterMinutes { get; set; } = EntryWindow.Standard.AfterEndMinutes;
    public bool GroupCommit { get; set; } = true;
    [Range(1, int.MaxValue)] public int QueueCapacity { get; set; } = 4096;
    [Range(1, int.MaxValue)] public int MaxBatch { get; set; } = 256;

    public EntryWindow Window => new(EntryBeforeMinutes, EntryAfterMinutes);
}
