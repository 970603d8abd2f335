using System.Collections.Concurrent;
using Dapper;
using Tidegate.Server.Data;
using Tidegate.Server.Infrastructure.Auth;

namespace Tidegate.Server.Features.Devices;

/// <summary>
/// This instance's map of active devices, keyed by the hash of their token, so a scan (2,500/s at the
/// gates) costs one HMAC and a dictionary read, never a query. It is reloaded when device_revision
/// moves (<see cref="DeviceWatcher"/>, about every second), and at once on the instance that registered
/// or revoked a device. Last-seen times are kept here and written in batches, at most once a minute per device.
/// </summary>
public sealed class DeviceRegistry(Db db, Tokens tokens, TimeProvider clock) : IDeviceTokens
{
    private static readonly TimeSpan SeenEvery = TimeSpan.FromMinutes(1);
    private readonly Lock _gate = new();
    private volatile Snapshot? _active;
    private Task<Snapshot>? _loading;
    private readonly ConcurrentDictionary<string, DateTimeOffset> _recorded = new();
    private readonly ConcurrentDictionary<string, DateTimeOffset> _pending = new();
    private readonly SemaphoreSlim _flushing = new(1, 1);

    public sealed record Snapshot(long Revision, IReadOnlyDictionary<string, DeviceIdentity> ByHash, DateTimeOffset LoadedAt);

    /// <summary>The keyed hash stored for a token (HMAC-SHA256 with the token key): the token itself is never stored.</summary>
    public string HashOf(string token) => tokens.Derive("device", token);

    public async ValueTask<DeviceIdentity?> FindAsync(string token, CancellationToken ct)
    {
        if (token.Length > 200) return null;
        var snapshot = _active ?? await LoadOnceAsync().WaitAsync(ct);
        if (!snapshot.ByHash.TryGetValue(HashOf(token), out var device)) return null;
        Seen(device.DeviceId);
        return device;
    }

    public Snapshot? Current => _active;

    /// <summary>The active device with this id, from this instance's map.</summary>
    public DeviceIdentity? Describe(string deviceId) => _active?.ByHash.Values.FirstOrDefault(d => d.DeviceId == deviceId);

    /// <summary>Returns once this instance's map reflects revision <paramref name="atLeast"/> or later.</summary>
    public async Task RefreshAsync(long atLeast, CancellationToken ct = default)
    {
        Snapshot loaded;
        do loaded = await LoadOnceAsync().WaitAsync(ct); // a load already under way may have read an older revision
        while (loaded.Revision < atLeast);
    }

    /// <summary>Reloads (one load at a time: callers during a load share it).</summary>
    public Task<Snapshot> LoadOnceAsync()
    {
        lock (_gate) return _loading ??= Task.Run(LoadAndKeepAsync);
    }

    private async Task<Snapshot> LoadAndKeepAsync()
    {
        try
        {
            await using var connection = await db.OpenAsync();
            var revision = await connection.ExecuteScalarAsync<long>(DeviceSql.Revision); // first: a change after it only makes us reload again
            var rows = (await connection.QueryAsync<ActiveRow>(DeviceSql.Active)).ToList();
            foreach (var row in rows)
                if (row.LastSeenAt is { } seen) _recorded.AddOrUpdate(row.Id, seen, (_, mine) => mine > seen ? mine : seen);
            var snapshot = new Snapshot(revision,
                rows.ToDictionary(r => r.TokenHash, r => new DeviceIdentity(r.Id, r.Name, r.Lane, r.Kind)), clock.GetUtcNow());
            _active = snapshot;
            return snapshot;
        }
        finally
        {
            lock (_gate) _loading = null;
        }
    }

    private void Seen(string deviceId)
    {
        var now = clock.GetUtcNow();
        if (_recorded.TryGetValue(deviceId, out var last) && now >= last && now - last < SeenEvery) return;
        _recorded[deviceId] = now;
        _pending[deviceId] = now;
    }

    /// <summary>
    /// Writes the last-seen times gathered since the previous flush, in one transaction. One flush at
    /// a time: a caller returns only once whatever was gathered before it has been written.
    /// </summary>
    public async Task FlushLastSeenAsync(CancellationToken ct = default)
    {
        await _flushing.WaitAsync(ct);
        try
        {
            if (_pending.IsEmpty) return;
            var batch = new List<(string Id, DateTimeOffset At)>();
            foreach (var id in _pending.Keys)
                if (_pending.TryRemove(id, out var at)) batch.Add((id, at));
            try
            {
                await db.WriteAsync((connection, tx) => connection.ExecuteAsync(DeviceSql.Seen, batch.Select(b => new { b.Id, b.At }), tx), ct);
            }
            catch
            {
                foreach (var (id, at) in batch) _pending.TryAdd(id, at); // the next flush tries again
                throw;
            }
        }
        finally
        {
            _flushing.Release();
        }
    }

    private sealed class ActiveRow
    {
        public string Id { get; set; } = "";
        public string Name { get; set; } = "";
        public string? Lane { get; set; }
        public string Kind { get; set; } = "";
        public string TokenHash { get; set; } = "";
        public DateTimeOffset? LastSeenAt { get; set; }
    }
}
