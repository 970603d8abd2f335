using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Tidegate.Server.Features.Venue;

/// <summary>
/// Availability answers, serialised, kept per date for a moment (Tidegate:Availability:CacheMilliseconds,
/// default 1000): dropped at once when a slot of the date sells out or places come back, and
/// refreshed at most MinRefreshMilliseconds (default 250) after holds of the date were committed.
/// </summary>
public sealed class AvailabilityCache
{
    private readonly ConcurrentDictionary<DateOnly, Entry> _entries = new();
    private readonly VenueStore _venues;
    private readonly SlotStore _slots;
    private readonly TimeProvider _clock;
    private readonly JsonSerializerOptions _json;
    private readonly long _lifetime;
    private readonly long _minRefresh;

    private sealed record Loaded(GetAvailability.Response Response, byte[] Json, int Remaining);

    /// <summary>The load starts only for the entry that is kept, so concurrent misses query once.</summary>
    private sealed record Entry(Lazy<Task<Loaded>> Load, long LoadedAt, long ExpiresAt)
    {
        public bool Failed => Load.IsValueCreated && Load.Value.IsFaulted;
    }

    public AvailabilityCache(VenueStore venues, SlotStore slots, TimeProvider clock, SlotSignals signals, AvailabilityOptions options,
        IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json)
    {
        (_venues, _slots, _clock, _json) = (venues, slots, clock, json.Value.SerializerOptions);
        (_lifetime, _minRefresh) = (options.CacheMilliseconds, options.MinRefreshMilliseconds);
        signals.Changed += date => _entries.TryRemove(date, out _);
        signals.Wrote += Soon;
    }

    public async Task<byte[]> GetAsync(DateOnly day) => (await EntryFor(day)).Json;

    /// <summary>The same answer as an object, for the pages: they read through the cache like the API.</summary>
    public async Task<GetAvailability.Response> ReadAsync(DateOnly day) => (await EntryFor(day)).Response;

    /// <summary>Places left on the date across its slots (bookable slots only), as the cache sees them.</summary>
    public async Task<int> RemainingAsync(DateOnly day) => (await EntryFor(day)).Remaining;

    private Task<Loaded> EntryFor(DateOnly day)
    {
        var now = _clock.GetUtcNow();
        var ms = now.ToUnixTimeMilliseconds();
        if (_entries.TryGetValue(day, out var hit) && ms < hit.ExpiresAt && ms >= hit.LoadedAt && !hit.Failed) return hit.Load.Value;
        // Concurrent misses share one load.
        var fresh = new Entry(new Lazy<Task<Loaded>>(() => LoadAsync(day, now)), ms, ms + _lifetime);
        var entry = _entries.AddOrUpdate(day, fresh, (_, old) => old == hit || old.Failed ? fresh : old);
        return entry.Load.Value;
    }

    private void Soon(DateOnly date)
    {
        if (_entries.TryGetValue(date, out var hit))
            _entries.TryUpdate(date, hit with { ExpiresAt = Math.Min(hit.ExpiresAt, hit.LoadedAt + _minRefresh) }, hit);
    }

    private async Task<Loaded> LoadAsync(DateOnly day, DateTimeOffset now)
    {
        var response = await GetAvailability.ReadAsync(day, _venues, _slots, now, CancellationToken.None);
        return new Loaded(response, JsonSerializer.SerializeToUtf8Bytes(response, _json), response.Slots.Where(s => s.Bookable).Sum(s => s.Remaining));
    }
}
