using Tidegate.Server.Features.Venue;

namespace Tidegate.Server.Features.Queue;

/// <summary>The pages' view of the waiting room (Venue's port), answered from memory by <see cref="QueueGate"/>.</summary>
public sealed class WaitingRoom(QueueGate gate) : IWaitingRoom
{
    public bool Guards(DateOnly date, DateTimeOffset opensAt, DateTimeOffset at) => gate.IsGuarded(date, opensAt, at);

    public bool Admits(string? admissionToken, DateOnly date, DateTimeOffset opensAt, DateTimeOffset now) =>
        gate.Check(admissionToken is null ? null : Uri.UnescapeDataString(admissionToken), date, opensAt, now).IsOk;
}
