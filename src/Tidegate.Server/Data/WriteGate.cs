namespace Tidegate.Server.Data;

/// <summary>
/// SQLite has one writer at a time; when two of this process's writers (the hold writer, the
/// waiting room's writer and worker) collide, SQLite's busy handler makes the loser sleep in
/// steps of up to 100 ms. Taking turns here first instead hands the lock over at once. A no-op on
/// PostgreSQL, whose row locks let writers of different rows run side by side.
/// </summary>
public sealed class WriteGate(DbEngine engine)
{
    private readonly SemaphoreSlim _turn = new(1, 1);

    public async Task<IDisposable> EnterAsync(CancellationToken ct = default)
    {
        if (engine != DbEngine.Sqlite) return Nothing.Instance;
        await _turn.WaitAsync(ct);
        return new Turn(_turn);
    }

    private sealed class Turn(SemaphoreSlim turn) : IDisposable
    {
        private int _done;
        public void Dispose() { if (Interlocked.Exchange(ref _done, 1) == 0) turn.Release(); }
    }

    private sealed class Nothing : IDisposable
    {
        public static readonly Nothing Instance = new();
        public void Dispose() { }
    }
}
