using System.Collections.Concurrent;

namespace Tidegate.Server.Features.Venue;

/// <summary>
/// This instance's memory of sold-out slots, so a refusal needs no database: a slot seen full with
/// <c>remaining</c> places stays "full for parties larger than that" until the earliest moment a
/// place can come back by itself (the first live hold's expiry), a short lifetime runs out (so
/// releases on other instances show within seconds), or <see cref="Released"/> is called.
/// </summary>
public sealed class SlotSignals(TimeProvider clock, SoldOutMemoryOptions options)
{
    private readonly ConcurrentDictionary<(DateOnly Date, int Minute), SoldOut> _soldOut = new();
    private readonly TimeSpan _lifetime = TimeSpan.FromSeconds(options.SoldOutMemorySeconds);

    private sealed record SoldOut(int Remaining, DateTimeOffset Until);

    /// <summary>Raised when a slot sells out or places come back; the availability cache refreshes at once.</summary>
    public event Action<DateOnly>? Changed;

    /// <summary>Raised when holds of a date were committed; the availability cache refreshes soon.</summary>
    public event Action<DateOnly>? Wrote;

    public void Committed(DateOnly date) => Wrote?.Invoke(date);

    /// <summary>The remaining places if a party of <paramref name="persons"/> is known not to fit; null when the database must decide.</summary>
    public int? KnownTooFull(DateOnly date, int startMinute, int persons)
    {
        if (!_soldOut.TryGetValue((date, startMinute), out var state)) return null;
        if (clock.GetUtcNow() >= state.Until)
        {
            _soldOut.TryRemove(new KeyValuePair<(DateOnly, int), SoldOut>((date, startMinute), state));
            return null;
        }
        return persons > state.Remaining ? state.Remaining : null;
    }

    /// <summary>The writer saw the slot refuse a party: remember it until <paramref name="nextLapse"/> at the latest.</summary>
    public void SawFull(DateOnly date, int startMinute, int remaining, DateTimeOffset? nextLapse)
    {
        var until = clock.GetUtcNow().Add(_lifetime);
        if (nextLapse is { } lapse && lapse < until) until = lapse;
        var fresh = !_soldOut.ContainsKey((date, startMinute));
        _soldOut[(date, startMinute)] = new SoldOut(remaining, until);
        if (fresh) Changed?.Invoke(date);
    }

    /// <summary>
    /// Places of the slot came back (a cancellation, a release, a sweep, a capacity change): forget
    /// that it was full. Cancellation and anything else that frees places must call this.
    /// </summary>
    public void Released(DateOnly date, int startMinute)
    {
        _soldOut.TryRemove((date, startMinute), out _);
        Changed?.Invoke(date);
    }

    /// <summary>An operator changed the date's hours or capacity: drop what is cached of it at once.</summary>
    public void Reshaped(DateOnly date) => Changed?.Invoke(date);
}
