using System.Data.Common;
using Dapper;
using Tidegate.Server.Data;
using Tidegate.Server.Features.Venue;
using Tidegate.Server.Infrastructure.Telemetry;

namespace Tidegate.Server.Features.Booking;

/// <summary>
/// The capacity protocol (docs/concurrency.md): places are claimed only by one conditional UPDATE
/// of the slot's counter; lapsed holds are released (status CAS, then a decrement) in the same
/// transaction when a claim would otherwise fail, and by the sweeper in the background.
/// Holds are group-committed (<see cref="HoldBatch"/>): one writer per instance runs everything
/// waiting as one durable transaction. Tidegate:Booking:GroupCommit=false gives one transaction per
/// hold (the raw rate the bench compares against).
/// </summary>
public sealed class HoldStore : IAsyncDisposable
{
    private readonly Db _db;
    private readonly TimeProvider _clock;
    private readonly SlotSignals _signals;
    private readonly bool _bulk;
    private readonly GroupCommit<NewHold, HoldResult>? _group;

    public HoldStore(Db db, TimeProvider clock, SlotSignals signals, BookingOptions options)
    {
        (_db, _clock, _signals) = (db, clock, signals);
        _bulk = options.BulkInsert ?? db.Engine == DbEngine.Postgres;
        if (options.GroupCommit)
            _group = new GroupCommit<NewHold, HoldResult>("hold writer",
                options.QueueCapacity, options.MaxBatch, RunBatchAsync);
    }

    /// <summary>Holds places, or says why not. Throws <see cref="OverloadedException"/> when the writer's queue is full.</summary>
    public async Task<HoldResult> HoldAsync(NewHold hold, CancellationToken ct = default)
    {
        var result = _group is null ? await HoldAloneAsync(hold, ct) : await _group.SubmitAsync(hold);
        TidegateMetrics.HoldDecided(result.Outcome == HoldOutcome.Held, RefusalOf(result.Outcome));
        return result;
    }

    private static string? RefusalOf(HoldOutcome outcome) => outcome switch
    {
        HoldOutcome.Held => null,
        HoldOutcome.SoldOut => "sold_out",
        HoldOutcome.LimitExceeded => "limit_exceeded",
        HoldOutcome.AdmissionUsed => "admission_used",
        _ => "duplicate_key",
    };

    /// <summary>Average holds per committed batch so far (1 without group commit).</summary>
    public double AverageBatch => _group?.AverageBatch ?? 1;

    /// <summary>The writer's counters, for the bench (GET /api/v1/dev/hold-writer).</summary>
    public object Stats => GroupCommit<NewHold, HoldResult>.StatsOf(_group);

    private Task RunBatchAsync(IReadOnlyList<GroupCommit<NewHold, HoldResult>.Pending> batch, CancellationToken ct) =>
        GroupCommit<NewHold, HoldResult>.WithFallbackAsync(batch, async () =>
        {
            // Slot order (stable, so arrival order within a slot stays) keeps two instances' batches from deadlocking.
            var ordered = batch.OrderBy(p => (p.Item.Terms.Slot.Date, p.Item.Terms.Slot.StartMinute)).ToList();
            var results = await WriteAsync(ordered.Select(p => p.Item).ToList(), ct);
            for (var i = 0; i < ordered.Count; i++) ordered[i].Done.TrySetResult(results[i]);
        }, hold => HoldAloneAsync(hold, ct));

    private Task<HoldResult> HoldAloneAsync(NewHold hold, CancellationToken ct) =>
        TransientRetry.RunAsync(async () => (await WriteAsync([hold], ct))[0], ct);

    private async Task<HoldResult[]> WriteAsync(IReadOnlyList<NewHold> holds, CancellationToken ct)
    {
        await using var write = await _db.BeginWriteAsync(ct);
        var (connection, tx) = write;
        var batch = new HoldBatch(_clock.GetUtcNow().ToUnixTimeMilliseconds(), _bulk);
        var results = await batch.HoldAllAsync(connection, tx, holds);
        await tx.CommitAsync(ct);
        foreach (var full in batch.SeenFull) _signals.SawFull(full.VisitDate, full.StartMinute, full.Remaining, full.NextLapse);
        foreach (var date in holds.Select(h => h.Terms.Slot.Date).Distinct()) _signals.Committed(date);
        return results;
    }

    /// <summary>Expires up to <paramref name="limit"/> lapsed holds anywhere; the sweeper's work.</summary>
    public async Task<int> SweepAsync(int limit, CancellationToken ct = default)
    {
        await using var write = await _db.BeginWriteAsync(ct);
        var (connection, tx) = write;
        var released = (await connection.QueryAsync<Released>(BookingSql.ExpireLapsed,
            new { Now = _clock.GetUtcNow(), Limit = limit }, tx)).ToList();
        await ReleaseAsync(connection, tx, released);
        await tx.CommitAsync(ct);
        foreach (var slot in released.Select(r => (r.VisitDate, r.StartMinute)).Distinct())
            _signals.Released(slot.VisitDate, (int)slot.StartMinute);
        return released.Count;
    }

    /// <summary>Gives released places back; slots in key order so concurrent releases never deadlock.</summary>
    public static async Task ReleaseAsync(DbConnection connection, DbTransaction tx, IEnumerable<Released> released)
    {
        var bySlot = released.GroupBy(r => (r.VisitDate, r.StartMinute)).OrderBy(g => g.Key);
        foreach (var group in bySlot)
            await connection.ExecuteAsync(BookingSql.GiveBack,
                new { group.Key.VisitDate, group.Key.StartMinute, Persons = group.Sum(r => r.Persons) }, tx);
    }

    public ValueTask DisposeAsync() => _group?.DisposeAsync() ?? ValueTask.CompletedTask;

    public sealed class Released
    {
        public DateOnly VisitDate { get; set; }
        public long StartMinute { get; set; }
        public long Persons { get; set; }
    }
}
