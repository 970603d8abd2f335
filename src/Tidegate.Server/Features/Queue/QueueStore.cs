using System.Data.Common;
using System.Security.Cryptography;
using Dapper;
using Tidegate.Domain.Queue;
using Tidegate.Server.Data;
using Tidegate.Server.Infrastructure.Telemetry;

namespace Tidegate.Server.Features.Queue;

/// <summary>
/// The waiting room's writes. Every decision about a date's order happens under that date's row
/// lock (PostgreSQL row lock; SQLite's write lock), so any number of instances agree: joins take
/// the next position (or none before the opening), the first instance past 00:00 shuffles the
/// early arrivals once, and admission advances by the elapsed time since the last advance,
/// whichever instance does it. Joins are group-committed like holds.
/// </summary>
public sealed class QueueStore : IAsyncDisposable
{
    public sealed record Join(string EntryId, DateOnly Date, DateTimeOffset OpensAt);

    private readonly Db _db;
    private readonly TimeProvider _clock;
    private readonly GroupCommit<Join, long?> _joins;

    public QueueStore(Db db, TimeProvider clock, QueueOptions options)
    {
        (_db, _clock) = (db, clock);
        _joins = new GroupCommit<Join, long?>("queue writer", options.JoinCapacity, 1000, JoinBatchAsync);
    }

    /// <summary>Adds an entry; its position, or null when it joined before the opening (shuffled at 00:00).</summary>
    public Task<long?> JoinAsync(Join join) => _joins.SubmitAsync(join);

    private async Task JoinBatchAsync(IReadOnlyList<GroupCommit<Join, long?>.Pending> batch, CancellationToken ct)
    {
        var results = new List<(GroupCommit<Join, long?>.Pending Pending, long? Position)>();
        await using var write = await _db.BeginWriteAsync(ct);
        var (connection, tx) = write;
        var now = _clock.GetUtcNow();
        foreach (var date in batch.GroupBy(p => p.Item.Date).OrderBy(g => g.Key))
        {
            await connection.ExecuteAsync(QueueSql.EnsureDate, new { VisitDate = date.Key }, tx);
            var row = await connection.QuerySingleAsync<QueueDateRow>(QueueSql.LockDate, new { VisitDate = date.Key }, tx);
            var opensAt = date.First().Item.OpensAt;
            var next = row.NextPosition;
            var ordered = row.ShuffledAt is not null || now >= opensAt;
            if (row.ShuffledAt is null && now >= opensAt) next = await ShuffleAsync(connection, tx, date.Key, now);
            var entries = date.Select(p => (p, Position: ordered ? next++ : (long?)null)).ToList();
            await connection.ExecuteAsync(QueueSql.InsertEntry, entries.Select(e => new
            {
                Id = e.p.Item.EntryId, VisitDate = date.Key, JoinedAt = now, e.Position,
            }), tx);
            if (ordered) await connection.ExecuteAsync(QueueSql.SetNext, new { VisitDate = date.Key, Next = next }, tx);
            results.AddRange(entries);
        }
        await tx.CommitAsync(ct);
        foreach (var (pending, position) in results) pending.Done.TrySetResult(position);
    }

    /// <summary>Shuffles a date's early arrivals if nobody has yet; true when this call did it.</summary>
    public async Task<bool> TryShuffleAsync(DateOnly date, CancellationToken ct)
    {
        await using var write = await _db.BeginWriteAsync(ct);
        var (connection, tx) = write;
        var row = await connection.QuerySingleOrDefaultAsync<QueueDateRow>(QueueSql.LockDate, new { VisitDate = date }, tx);
        if (row is null || row.ShuffledAt is not null) { await tx.RollbackAsync(ct); return false; }
        await ShuffleAsync(connection, tx, date, _clock.GetUtcNow());
        await tx.CommitAsync(ct);
        return true;
    }

    /// <summary>Under the date's lock: random seed, positions 1..n for the early arrivals, the next position after them.</summary>
    private static async Task<long> ShuffleAsync(DbConnection connection, DbTransaction tx, DateOnly date, DateTimeOffset now)
    {
        var ids = (await connection.QueryAsync<string>(QueueSql.EarlyEntries, new { VisitDate = date }, tx)).ToList();
        var seed = RandomNumberGenerator.GetBytes(32);
        var positions = QueueRules.Shuffle(ids.Count, seed);
        await connection.ExecuteAsync(QueueSql.SetPosition, ids.Select((id, i) => new { Id = id, Position = (long)positions[i] }), tx);
        var next = ids.Count + 1L;
        await connection.ExecuteAsync(QueueSql.MarkShuffled,
            new { VisitDate = date, Now = now, Seed = Convert.ToHexString(seed), Next = next }, tx);
        return next;
    }

    /// <summary>
    /// Advances a date's admission if no instance did within <paramref name="minInterval"/>: by the
    /// rate times the time since the last advance, bounded by the admissions still unused and unexpired.
    /// </summary>
    public async Task<QueueStep?> AdvanceAsync(DateOnly date, QueueProgress progress, QueueSettings settings, TimeSpan minInterval, CancellationToken ct)
    {
        await using var write = await _db.BeginWriteAsync(ct);
        var (connection, tx) = write;
        var now = _clock.GetUtcNow();
        var row = await connection.QuerySingleAsync<QueueDateRow>(QueueSql.LockDate, new { VisitDate = date }, tx);
        var elapsed = now - row.AdvancedAt;
        if (elapsed < minInterval || row.NextPosition - 1 <= row.AdmittedUpto) { await tx.RollbackAsync(ct); return null; }
        var window = Math.Min(settings.AdmissionSeconds, settings.OutstandingWindowSeconds);
        var expiredUpTo = Math.Min(progress.UpToAt(now.AddSeconds(-window)), row.AdmittedUpto);
        var used = await connection.ExecuteScalarAsync<long>(QueueSql.UsedSince, new { VisitDate = date, After = expiredUpTo }, tx);
        var outstanding = Math.Max(0, row.AdmittedUpto - expiredUpTo - used);
        var upTo = QueueRules.Advance(row.AdmittedUpto, row.NextPosition - 1, elapsed.TotalSeconds, outstanding, settings);
        // Nothing admitted yet (less than one admission's worth of time, or no room): keep the last
        // advance's time, so the elapsed time adds up across ticks. Resetting it here starved a rate
        // slower than one admission per tick (10/s ticking every 50 ms never admitted anyone).
        if (upTo == row.AdmittedUpto) { await tx.RollbackAsync(ct); return null; }
        await connection.ExecuteAsync(QueueSql.Advance, new { VisitDate = date, UpTo = upTo, Now = now }, tx);
        await connection.ExecuteAsync(QueueSql.InsertStep, new { VisitDate = date, UpTo = upTo, At = now }, tx);
        await tx.CommitAsync(ct);
        TidegateMetrics.Admitted(upTo - row.AdmittedUpto);
        return new QueueStep(upTo, now);
    }

    /// <summary>Marks a date (or clears its mark) with <paramref name="also"/> (the audit entry) in the same transaction.</summary>
    public async Task MarkAsync(DateOnly date, bool marked, Func<DbConnection, DbTransaction, Task> also, CancellationToken ct)
    {
        await using var write = await _db.BeginWriteAsync(ct);
        var (connection, tx) = write;
        await connection.ExecuteAsync(QueueSql.Mark, new { VisitDate = date, Marked = marked ? 1 : 0 }, tx);
        await also(connection, tx);
        await tx.CommitAsync(ct);
    }

    public ValueTask DisposeAsync() => _joins.DisposeAsync();
}
