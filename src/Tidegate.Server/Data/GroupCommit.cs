using System.Data.Common;
using System.Threading.Channels;

namespace Tidegate.Server.Data;

/// <summary>Thrown when a bounded queue is full: the caller answers 503 with Retry-After at once instead of piling up.</summary>
public sealed class OverloadedException(string what) : Exception($"{what} is at capacity");

/// <summary>
/// Group commit: callers put their item in a bounded channel; one writer per instance takes
/// everything waiting (up to <c>maxBatch</c>) and runs it as one transaction, so one durable flush
/// serves many callers. The writer completes each caller with its own result.
/// </summary>
public sealed class GroupCommit<TItem, TResult> : IAsyncDisposable
{
    public sealed record Pending(TItem Item, TaskCompletionSource<TResult> Done);

    private readonly Channel<Pending> _channel;
    private readonly Func<IReadOnlyList<Pending>, CancellationToken, Task> _runBatch;
    private readonly int _maxBatch;
    private readonly string _name;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _writer;

    public GroupCommit(string name, int capacity, int maxBatch, Func<IReadOnlyList<Pending>, CancellationToken, Task> runBatch)
    {
        _name = name;
        _maxBatch = maxBatch;
        _runBatch = runBatch;
        _channel = Channel.CreateBounded<Pending>(new BoundedChannelOptions(capacity)
        {
            SingleReader = true, FullMode = BoundedChannelFullMode.Wait,
        });
        // The writer serves every caller, so it must not carry the flow of the one that created it
        // (an open write transaction would refuse its batches, a request's trace would adopt them).
        using (ExecutionContext.SuppressFlow()) _writer = Task.Run(WriteLoopAsync);
    }

    /// <summary>Batches committed so far and items in them (for the bench and metrics).</summary>
    public long Batches { get; private set; }
    public long Items { get; private set; }
    /// <summary>Time the writer spent running batches (the rest it waited for work).</summary>
    public TimeSpan Busy { get; private set; }

    /// <summary>Items per committed batch so far.</summary>
    public double AverageBatch => Batches > 0 ? (double)Items / Batches : 1;

    /// <summary>A writer's counters for the bench's dev endpoints; one transaction per item when there is no writer.</summary>
    public static object StatsOf(GroupCommit<TItem, TResult>? writer) => new
    {
        batches = writer?.Batches ?? 0, items = writer?.Items ?? 0, busyMs = writer?.Busy.TotalMilliseconds ?? 0,
        averageBatch = writer?.AverageBatch ?? 1,
    };

    public Task<TResult> SubmitAsync(TItem item)
    {
        var pending = new Pending(item, new TaskCompletionSource<TResult>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_channel.Writer.TryWrite(pending)) throw new OverloadedException(_name);
        return pending.Done.Task;
    }

    /// <summary>
    /// Runs a batch with <paramref name="runAll"/>; if that fails on a database error, runs each item
    /// alone with <paramref name="runOne"/>, so one poisoned item cannot fail the others.
    /// </summary>
    public static async Task WithFallbackAsync(IReadOnlyList<Pending> batch, Func<Task> runAll, Func<TItem, Task<TResult>> runOne)
    {
        try
        {
            await runAll();
        }
        catch (Exception e) when (e is DbException or InvalidOperationException && batch.Count > 1)
        {
            foreach (var pending in batch)
            {
                try { pending.Done.TrySetResult(await runOne(pending.Item)); }
                catch (Exception one) { pending.Done.TrySetException(one); }
            }
        }
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<Pending>(_maxBatch);
        var reader = _channel.Reader;
        try
        {
            while (await reader.WaitToReadAsync(_stopping.Token))
            {
                batch.Clear();
                while (batch.Count < _maxBatch && reader.TryRead(out var next)) batch.Add(next);
                var started = System.Diagnostics.Stopwatch.GetTimestamp();
                try
                {
                    await _runBatch(batch, _stopping.Token);
                }
                catch (Exception e)
                {
                    foreach (var pending in batch) pending.Done.TrySetException(e);
                }
                var busy = System.Diagnostics.Stopwatch.GetElapsedTime(started);
                Busy += busy;
                Infrastructure.Telemetry.TidegateMetrics.WriterBatch(_name, batch.Count, busy);
                Batches++;
                Items += batch.Count;
            }
        }
        catch (OperationCanceledException) { }
        while (reader.TryRead(out var left)) left.Done.TrySetException(new OverloadedException(_name));
    }

    public async ValueTask DisposeAsync()
    {
        // Finish what callers already handed in, but do not hang a shutdown on a stuck database.
        _channel.Writer.TryComplete();
        if (await Task.WhenAny(_writer, Task.Delay(TimeSpan.FromSeconds(5))) != _writer) await _stopping.CancelAsync();
        try { await _writer; } catch (OperationCanceledException) { }
        _stopping.Dispose();
    }
}
