using System.ComponentModel.DataAnnotations;

namespace Tidegate.Server.Features.Queue;

/// <summary>
/// Tidegate:Queue, the server's side: the join writer's queue and the worker's tick. The waiting
/// room's rules (rates, windows, AutoGuard) are the domain's QueueSettings, bound from the same section.
/// </summary>
public sealed class QueueOptions
{
    public const string Section = "Tidegate:Queue";

    [Range(1, int.MaxValue)] public int JoinCapacity { get; set; } = 8192;
    [Range(1, int.MaxValue)] public int TickMilliseconds { get; set; } = 250;
}
