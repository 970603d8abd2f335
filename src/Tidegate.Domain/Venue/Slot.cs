namespace Tidegate.Domain.Venue;

/// <summary>One entry slot, [Start, End) in venue time.</summary>
public readonly record struct Slot(DateOnly Date, TimeOnly Start, TimeOnly End)
{
    /// <summary>Minutes after local midnight: the slot's key in storage.</summary>
    public int StartMinute => Start.Hour * 60 + Start.Minute;
}
