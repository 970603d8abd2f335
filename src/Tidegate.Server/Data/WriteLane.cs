using System.Data.Common;
using Tidegate.Server.Infrastructure;

namespace Tidegate.Server.Data;

/// <summary>Thrown inside a lane's work to undo what that work wrote and hand the caller <see cref="Value"/>.</summary>
public sealed class UndoWrite(object? value) : Exception("The write was undone")
{
    public object? Value { get; } = value;
}

/// <summary>
/// The short write transactions of the payment, confirmation and mail paths. On SQLite, which has
/// one writer and pays one fsync per commit, one writer per instance runs every work waiting as one
/// transaction, each work inside its own SAVEPOINT: a work that throws (or throws
/// <see cref="UndoWrite"/>) is rolled back alone, the others commit together, and every caller
/// gets its answer only after that durable commit. On PostgreSQL each work is its own transaction
/// (row locks let them run side by side, and the server already shares WAL flushes).
/// A work runs SQL only: no network call and no other lane or writer inside it.
/// </summary>
public sealed class WriteLane : IAsyncDisposable
{
    private sealed record Work(Func<DbConnection, DbTransaction, Task<object?>> Run);

    private readonly Db _db;
    private readonly WriteGate _gate;
    private readonly GroupCommit<Work, object?>? _group;

    /// <param name="maxBatch">Works per transaction on SQLite; 0 runs each alone (one transaction per work).</param>
    public WriteLane(Db db, WriteGate gate, int maxBatch, int capacity = 8192)
    {
        (_db, _gate) = (db, gate);
        if (db.Engine == DbEngine.Sqlite && maxBatch > 0)
            _group = new GroupCommit<Work, object?>("write lane", capacity, maxBatch, RunBatchAsync);
    }

    /// <summary>Runs <paramref name="work"/> in a write transaction and returns its result once committed.</summary>
    public async Task<T> RunAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken ct = default)
    {
        var wrapped = new Work(async (connection, tx) => await work(connection, tx));
        return (T)(_group is null ? await RunAloneAsync(wrapped, ct) : await _group.SubmitAsync(wrapped))!;
    }

    public Task RunAsync(Func<DbConnection, DbTransaction, Task> work, CancellationToken ct = default) =>
        RunAsync<object?>(async (connection, tx) => { await work(connection, tx); return null; }, ct);

    /// <summary>The writer's counters, for the bench (GET /api/v1/dev/write-lane).</summary>
    public object Stats => GroupCommit<Work, object?>.StatsOf(_group);

    private async Task<object?> RunAloneAsync(Work work, CancellationToken ct)
    {
        await using var connection = await _db.OpenAsync(ct);
        using var turn = await _gate.EnterAsync(ct);
        await using var tx = await _db.BeginWriteAsync(connection, ct);
        try
        {
            var result = await work.Run(connection, tx);
            await tx.CommitAsync(ct);
            return result;
        }
        catch (UndoWrite undo)
        {
            await tx.RollbackAsync(ct);
            return undo.Value;
        }
    }

    private async Task RunBatchAsync(IReadOnlyList<GroupCommit<Work, object?>.Pending> batch, CancellationToken ct)
    {
        var outcomes = new (object? Value, Exception? Error)[batch.Count];
        await using var connection = await _db.OpenAsync(ct);
        using var turn = await _gate.EnterAsync(ct);
        await using var tx = await _db.BeginWriteAsync(connection, ct);
        for (var i = 0; i < batch.Count; i++)
        {
            await tx.SaveAsync("work", ct);
            try
            {
                outcomes[i] = (await batch[i].Item.Run(connection, tx), null);
            }
            catch (UndoWrite undo)
            {
                await tx.RollbackAsync("work", ct);
                outcomes[i] = (undo.Value, null);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                await tx.RollbackAsync("work", ct);
                outcomes[i] = (null, e);
            }
            await tx.ReleaseAsync("work", ct);
        }
        await tx.CommitAsync(ct);
        for (var i = 0; i < batch.Count; i++)
        {
            if (outcomes[i].Error is { } error) batch[i].Done.TrySetException(error);
            else batch[i].Done.TrySetResult(outcomes[i].Value);
        }
    }

    public ValueTask DisposeAsync() => _group?.DisposeAsync() ?? ValueTask.CompletedTask;
}
