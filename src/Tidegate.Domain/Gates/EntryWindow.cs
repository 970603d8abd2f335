namespace Tidegate.Domain.Gates;

/// <summary>When a ticket opens the gate: from this long before its slot starts to this long after it ends (SPEC §5).</summary>
public sealed record EntryWindow(int BeforeStartMinutes = 15, int AfterEndMinutes = 30)
{
    /// <summary>SPEC §5's window, the only place its numbers are written: Tidegate:Gates:EntryBeforeMinutes/EntryAfterMinutes default to it.</summary>
    public static readonly EntryWindow Standard = new();

    public DateTimeOffset From(DateTimeOffset slotStart) => slotStart.AddMinutes(-BeforeStartMinutes);

    public DateTimeOffset Until(DateTimeOffset slotEnd) => slotEnd.AddMinutes(AfterEndMinutes);
}
