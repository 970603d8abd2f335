using System.Collections.Concurrent;
using Dapper;
using Tidegate.Domain.Queue;
using Tidegate.Server.Data;

namespace Tidegate.Server.Features.Queue;

/// <summary>
/// This instance's copy of the waiting room's shared state, refreshed from the database by the
/// <see cref="QueueWorker"/> a few times a second: which dates are marked, how far each has
/// admitted (with its steps), and the positions the opening shuffle gave. Status checks and the
/// booking guard read only this, never the database.
/// </summary>
public sealed class QueueState(Db db)
{
    private readonly ConcurrentDictionary<DateOnly, DateState> _dates = new();
    private readonly Lock _marking = new();
    private long _marks;

    /// <param name="MarkedBy">Which of this instance's own marks set <c>Row.Marked</c> (0: read from the database).</param>
    public sealed record DateState(QueueDateRow Row, QueueProgress Progress, IReadOnlyDictionary<string, long>? Shuffled, long MarkedBy = 0);

    public bool IsMarked(DateOnly date) => _dates.TryGetValue(date, out var s) && s.Row.Marked != 0;

    public QueueProgress Progress(DateOnly date) => _dates.TryGetValue(date, out var s) ? s.Progress : QueueProgress.None;

    /// <summary>The shuffled position of an early arrival, once the shuffle is done and loaded here.</summary>
    public long? ShuffledPosition(DateOnly date, string entryId) =>
        _dates.TryGetValue(date, out var s) && s.Shuffled is { } map && map.TryGetValue(entryId, out var p) ? p : null;

    public IReadOnlyCollection<DateState> Dates => _dates.Values.ToList();

    /// <summary>This instance's own mark, just committed: a refresh that read the row before it must not undo it here.</summary>
    public void SetMarked(DateOnly date, bool marked)
    {
        lock (_marking)
        {
            var mark = ++_marks;
            _dates[date] = _dates.TryGetValue(date, out var s)
                ? s with { Row = CopyOf(s.Row, marked ? 1 : 0), MarkedBy = mark }
                : new DateState(new QueueDateRow { VisitDate = date, Marked = marked ? 1 : 0, NextPosition = 1 }, QueueProgress.None, null, mark);
        }
    }

    /// <summary>Reads every date's row, the steps not seen yet, and (once) the shuffle's positions.</summary>
    public async Task RefreshAsync(Func<DateOnly, DateTimeOffset> opensAt, CancellationToken ct)
    {
        long marksBefore;
        lock (_marking) marksBefore = _marks;
        await using var connection = await db.OpenAsync(ct);
        foreach (var row in await connection.QueryAsync<QueueDateRow>(QueueSql.AllDates))
        {
            var known = _dates.GetValueOrDefault(row.VisitDate);
            var progress = known?.Progress ?? QueueProgress.None;
            var last = progress.Steps.Count > 0 ? progress.Steps[^1].UpTo : 0;
            var steps = (await connection.QueryAsync<(long UpTo, DateTimeOffset At)>(QueueSql.StepsAfter, new { row.VisitDate, After = last }))
                .Select(s => new QueueStep(s.UpTo, s.At)).ToList();
            if (steps.Count > 0) progress = new QueueProgress(steps[^1].UpTo, [.. progress.Steps, .. steps]);
            var shuffled = known?.Shuffled;
            if (shuffled is null && row.ShuffledAt is not null)
                shuffled = (await connection.QueryAsync<(string Id, long Position)>(QueueSql.ShuffledPositions,
                    new { row.VisitDate, OpensAt = opensAt(row.VisitDate) }))
                    .ToDictionary(e => e.Id, e => e.Position);
            lock (_marking)
            {
                // A mark made here after this refresh began is newer than the row just read.
                var current = _dates.GetValueOrDefault(row.VisitDate);
                _dates[row.VisitDate] = current is { MarkedBy: var by } && by > marksBefore
                    ? new DateState(CopyOf(row, current.Row.Marked), progress, shuffled, by)
                    : new DateState(row, progress, shuffled);
            }
        }
    }

    private static QueueDateRow CopyOf(QueueDateRow row, long marked) => new()
    {
        VisitDate = row.VisitDate, Marked = marked, NextPosition = row.NextPosition, AdmittedUpto = row.AdmittedUpto,
        AdvancedAt = row.AdvancedAt, ShuffledAt = row.ShuffledAt,
    };
}
