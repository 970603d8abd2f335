namespace Tidegate.Domain.Venue;

/// <summary>How full a slot is, for visitors: low, moderate, crowded or full.</summary>
public static class SlotLevel
{
    public static string Of(int capacity, int remaining)
    {
        if (remaining <= 0 || capacity <= 0) return "full";
        var sold = 1.0 - (double)remaining / capacity;
        return sold >= 0.8 ? "crowded" : sold >= 0.5 ? "moderate" : "low";
    }
}
