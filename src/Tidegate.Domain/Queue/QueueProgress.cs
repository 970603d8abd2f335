namespace Tidegate.Domain.Queue;

/// <summary>One advance of admission: from this moment every position up to <c>UpTo</c> was admitted.</summary>
public sealed record QueueStep(long UpTo, DateTimeOffset At);

/// <summary>How far a date's waiting room has admitted, with the steps that got it there (ascending).</summary>
public sealed record QueueProgress(long AdmittedUpTo, IReadOnlyList<QueueStep> Steps)
{
    public static readonly QueueProgress None = new(0, []);

    /// <summary>When <paramref name="position"/> was admitted: the first step that reached it.</summary>
    public DateTimeOffset AdmittedAt(long position)
    {
        int low = 0, high = Steps.Count - 1;
        while (low < high)
        {
            var mid = (low + high) / 2;
            if (Steps[mid].UpTo >= position) high = mid; else low = mid + 1;
        }
        return Steps.Count > 0 && Steps[low].UpTo >= position ? Steps[low].At : DateTimeOffset.MinValue;
    }

    /// <summary>The highest position admitted at or before <paramref name="at"/>.</summary>
    public long UpToAt(DateTimeOffset at)
    {
        var upTo = 0L;
        foreach (var step in Steps)
        {
            if (step.At > at) break;
            upTo = step.UpTo;
        }
        return upTo;
    }

    /// <summary>Admissions per second over the last ten seconds, or 0 when nothing moved.</summary>
    public double RecentRate(DateTimeOffset now)
    {
        var moved = AdmittedUpTo - UpToAt(now.AddSeconds(-10));
        return moved / 10.0;
    }
}
