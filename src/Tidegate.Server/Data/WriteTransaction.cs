using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Tidegate.Server.Data;

/// <summary>
/// The one way to open a write transaction (<see cref="Db.BeginWriteAsync"/>): a connection, this
/// process's writer's turn (<see cref="WriteGate"/>) and the transaction, in that order, given back
/// in reverse on dispose. On SQLite the transaction takes the write lock at BEGIN (IMMEDIATE) so it
/// never fails on upgrade. While it is open, this flow refuses another write transaction or a lane
/// call (<see cref="RefuseReentry"/>): on SQLite either would wait for the turn it holds itself.
/// </summary>
public sealed class WriteTransaction : IAsyncDisposable
{
    private static readonly AsyncLocal<WriteTransaction?> Current = new();

    private IDisposable? _turn;
    private volatile bool _open = true;

    private WriteTransaction() { }

    public DbConnection Connection { get; private set; } = null!;
    public DbTransaction Transaction { get; private set; } = null!;

    public void Deconstruct(out DbConnection connection, out DbTransaction transaction) => (connection, transaction) = (Connection, Transaction);

    public Task CommitAsync(CancellationToken ct = default) => Transaction.CommitAsync(ct);

    public Task RollbackAsync(CancellationToken ct = default) => Transaction.RollbackAsync(ct);

    /// <summary>Throws when this flow is inside an open write transaction of this process (a lane work is one).</summary>
    public static void RefuseReentry(string what)
    {
        if (Current.Value is { _open: true })
            throw new InvalidOperationException(
                $"Cannot {what} inside a write transaction or a write lane work: it would wait for the writer's turn it holds. " +
                "Return from the work and write after it commits.");
    }

    /// <summary>Not async on purpose: the flag is set in the caller's flow, so the caller's own awaits (and the works it runs) see it.</summary>
    internal static Task<WriteTransaction> BeginAsync(Db db, WriteGate gate, CancellationToken ct)
    {
        RefuseReentry("open another write transaction");
        var write = new WriteTransaction();
        Current.Value = write;
        return write.OpenAsync(db, gate, ct);
    }

    private async Task<WriteTransaction> OpenAsync(Db db, WriteGate gate, CancellationToken ct)
    {
        try
        {
            Connection = await db.OpenAsync(ct);
            _turn = await gate.EnterAsync(ct);
            Transaction = Connection is SqliteConnection sqlite
                ? sqlite.BeginTransaction(deferred: false)
                : await Connection.BeginTransactionAsync(ct);
            return this;
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        _open = false;
        try
        {
            if (Transaction is not null) await Transaction.DisposeAsync();
        }
        finally
        {
            _turn?.Dispose();
            if (Connection is not null) await Connection.DisposeAsync();
        }
    }
}
