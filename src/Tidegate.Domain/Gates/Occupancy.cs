namespace Tidegate.Domain.Gates;

/// <summary>One admission: when, and how many persons came in.</summary>
public readonly record struct Entry(DateTimeOffset At, int Persons);

/// <summary>
/// Persons inside = entries − exits. Turnstiles may not count every exit (a gate without a counter,
/// a counter that was down), so whoever entered more than the dwell time ago is presumed gone: the
/// persons who left are the larger of the counted exits and that estimate (SPEC §5).
/// </summary>
public static class Occupancy
{
    public static int Inside(IEnumerable<Entry> entries, int exits, DateTimeOffset now, TimeSpan dwell)
    {
        var entered = 0;
        var presumedGone = 0;
        foreach (var entry in entries)
        {
            if (entry.At > now) continue;
            entered += entry.Persons;
            if (entry.At <= now - dwell) presumedGone += entry.Persons;
        }
        var left = Math.Min(entered, Math.Max(exits, presumedGone));
        return entered - left;
    }
}
