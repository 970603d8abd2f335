using System.Data.Common;

namespace Tidegate.Server.Data;

/// <summary>
/// Thrown inside a lane's work to undo what that work wrote and hand the caller <see cref="Value"/>.
/// <typeparamref name="T"/> is the type the work returns (another type fails the work as an error).
/// </summary>
public sealed class UndoWrite<T>(T value) : Exception("The write was undone")
{
    public T Value { get; } = value;
}

/// <summary>
/// The short write transactions of the payment, confirmation and mail paths. On SQLite, which has
/// one writer and pays one fsync per commit, one writer per instance runs every work waiting as one
/// transaction, each work inside its own SAVEPOINT: a work that throws (or throws
/// <see cref="UndoWrite{T}"/>) is rolled back alone, the others commit together, and every caller
/// gets its answer only after that durable commit. On PostgreSQL each work is its own transaction
/// (row locks let them run side by side, and the server already shares WAL flushes).
/// A work runs SQL only: no network call, and no lane call or write transaction inside it (refused
/// with an <see cref="InvalidOperationException"/>, since it would wait for itself).
/// </summary>
public sealed class WriteLane : IAsyncDisposable
{
    private abstract class Work
    {
        /// <summary>Runs the work in the open transaction; true when it asked to be undone.</summary>
        public abstract Task<bool> RunAsync(DbConnection connection, DbTransaction tx);
    }

    private sealed class Work<T>(Func<DbConnection, DbTransaction, Task<T>> run) : Work
    {
        public T Value { get; private set; } = default!;

        public override async Task<bool> RunAsync(DbConnection connection, DbTransaction tx)
        {
            try
            {
                Value = await run(connection, tx);
                return false;
            }
            catch (UndoWrite<T> undo)
            {
                Value = undo.Value;
                return true;
            }
        }
    }

    private readonly Db _db;
    private readonly GroupCommit<Work, bool>? _group;

    /// <param name="maxBatch">Works per transaction on SQLite; 0 runs each alone (one transaction per work).</param>
    public WriteLane(Db db, int maxBatch, int capacity = 8192)
    {
        _db = db;
        if (db.Engine == DbEngine.Sqlite && maxBatch > 0)
            _group = new GroupCommit<Work, bool>("write lane", capacity, maxBatch, RunBatchAsync);
    }

    /// <summary>Runs <paramref name="work"/> in a write transaction and returns its result once committed.</summary>
    public async Task<T> RunAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken ct = default)
    {
        WriteTransaction.RefuseReentry("call the write lane");
        var item = new Work<T>(work);
        if (_group is null) await RunAloneAsync(item, ct);
        else await _group.SubmitAsync(item);
        return item.Value;
    }

    public Task RunAsync(Func<DbConnection, DbTransaction, Task> work, CancellationToken ct = default) =>
        RunAsync<object?>(async (connection, tx) => { await work(connection, tx); return null; }, ct);

    /// <summary>The writer's counters, for the bench (GET /api/v1/dev/write-lane).</summary>
    public object Stats => GroupCommit<Work, bool>.StatsOf(_group);

    private async Task RunAloneAsync(Work work, CancellationToken ct)
    {
        await using var write = await _db.BeginWriteAsync(ct);
        if (await work.RunAsync(write.Connection, write.Transaction)) await write.RollbackAsync(ct);
        else await write.CommitAsync(ct);
    }

    private async Task RunBatchAsync(IReadOnlyList<GroupCommit<Work, bool>.Pending> batch, CancellationToken ct)
    {
        var errors = new Exception?[batch.Count];
        await using var write = await _db.BeginWriteAsync(ct);
        var (connection, tx) = write;
        for (var i = 0; i < batch.Count; i++)
        {
            await tx.SaveAsync("work", ct);
            try
            {
                if (await batch[i].Item.RunAsync(connection, tx)) await tx.RollbackAsync("work", ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                await tx.RollbackAsync("work", ct);
                errors[i] = e;
            }
            await tx.ReleaseAsync("work", ct);
        }
        await tx.CommitAsync(ct);
        for (var i = 0; i < batch.Count; i++)
        {
            if (errors[i] is { } error) batch[i].Done.TrySetException(error);
            else batch[i].Done.TrySetResult(true);
        }
    }

    public ValueTask DisposeAsync() => _group?.DisposeAsync() ?? ValueTask.CompletedTask;
}
