using System.Collections.Concurrent;
using System.Data.Common;
using Dapper;
using Tidegate.Server.Data;
using Tidegate.Server.Infrastructure.Auth;

namespace Tidegate.Server.Features.Staff;

/// <summary>
/// Staff sessions: opened at sign-in, ended by the person (one or all), closed by time. Every
/// staff request asks <see cref="IsOpenAsync"/>; the answer is read from the database and kept for
/// <see cref="CacheFor"/> (staff are few), so a session ended on one instance is refused by every
/// other within that time, and at once by the instance that ended it.
/// </summary>
public sealed class StaffSessions(Db db, TimeProvider clock) : IStaffSessions
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(12);
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(1);
    /// <summary>How often a session in use writes its last_seen_at (for the console's "last seen"), not at every request.</summary>
    public static readonly TimeSpan SeenEvery = TimeSpan.FromMinutes(1);

    private sealed record Seen(DateTimeOffset ExpiresAt, bool Open, DateTimeOffset ReadAt, DateTimeOffset? SeenWrittenAt);
    private sealed class State
    {
        public DateTimeOffset ExpiresAt { get; init; }
        public DateTimeOffset? EndedAt { get; init; }
        public DateTimeOffset? DisabledAt { get; init; }
    }

    private readonly ConcurrentDictionary<string, Seen> _cache = new();

    public async Task<(string Id, DateTimeOffset ExpiresAt)> OpenAsync(string staffId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var session = (Id: Guid.CreateVersion7().ToString(), ExpiresAt: now + Lifetime);
        await db.WriteAsync((c, tx) => c.ExecuteAsync(StaffSql.InsertSession,
            new { session.Id, StaffId = staffId, CreatedAt = now, session.ExpiresAt }, tx), ct);
        return session;
    }

    public async ValueTask<bool> IsOpenAsync(string sessionId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var cached = _cache.GetValueOrDefault(sessionId);
        if (cached is not null && now - cached.ReadAt < CacheFor && now >= cached.ReadAt)
            return cached.Open && cached.ExpiresAt > now;
        State? state;
        await using (var connection = await db.OpenAsync(ct))
            state = await connection.QuerySingleOrDefaultAsync<State>(StaffSql.SessionState, new { Id = sessionId });
        var open = state is { EndedAt: null, DisabledAt: null } && state.ExpiresAt > now;
        var seenWritten = cached?.SeenWrittenAt;
        if (open && (seenWritten is null || now - seenWritten >= SeenEvery || now < seenWritten))
        {
            await db.WriteAsync((c, tx) => c.ExecuteAsync(StaffSql.SeeSession, new { Id = sessionId, Now = now }, tx), ct);
            seenWritten = now;
        }
        if (_cache.Count > 10_000) _cache.Clear(); // staff are few: this bounds a flood of forged-but-signed ids only
        _cache[sessionId] = new Seen(state?.ExpiresAt ?? now, open, now, seenWritten);
        return open;
    }

    public async Task EndAsync(string sessionId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await db.WriteAsync((c, tx) => c.ExecuteAsync(StaffSql.EndSession, new { Id = sessionId, Now = now }, tx), ct);
        _cache.TryRemove(sessionId, out _);
    }

    /// <summary>Drops sessions ended by another write (a password change, an account change) from this instance's cache, so they are refused here at once (elsewhere within <see cref="CacheFor"/>).</summary>
    public void Forget(IEnumerable<string> sessionIds)
    {
        foreach (var id in sessionIds) _cache.TryRemove(id, out _);
    }

    public async Task<int> EndAllAsync(string staffId, CancellationToken ct)
    {
        var ended = await db.WriteAsync((c, tx) => EndAllAsync(c, tx, staffId), ct);
        Forget(ended);
        return ended.Count;
    }

    /// <summary>Ends every open session of the account inside the caller's transaction; <see cref="Forget"/> the ids once it commits.</summary>
    public async Task<List<string>> EndAllAsync(DbConnection connection, DbTransaction tx, string staffId) =>
        (await connection.QueryAsync<string>(StaffSql.EndAllSessions, new { StaffId = staffId, Now = clock.GetUtcNow() }, tx)).ToList();
}
