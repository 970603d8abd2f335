using System.Data.Common;
using Dapper;
using Tidegate.Server.Features.Queue;
using Tidegate.Server.Features.Venue;
using Tidegate.Server.Infrastructure;

namespace Tidegate.Server.Features.Booking;

/// <summary>
/// The holds of one transaction, each with exactly the semantics of a hold on its own. A refused
/// item never fails the batch: nothing in it raises (conditional UPDATE, ON CONFLICT DO NOTHING),
/// and what a refused item already wrote is undone by its compensating statement in the same
/// transaction before the next item runs.
/// </summary>
internal sealed class HoldBatch(long now, bool bulk)
{
    private readonly HashSet<(DateOnly, int)> _swept = [];
    // Slots found full in this transaction: later items that do not fit are refused without SQL.
    private readonly Dictionary<(DateOnly, int), Full> _full = [];

    public sealed record Full(DateOnly VisitDate, int StartMinute, int Remaining, DateTimeOffset? NextLapse);

    public List<Full> SeenFull { get; } = [];

    /// <summary>
    /// All holds of the batch. Unkeyed holds without an admission for the same slot go first as one
    /// claim of their total and one multi-row insert, when the total fits; whatever does not (the
    /// slot is too full for all of them, a person already holds that day) takes the one-by-one path
    /// below, in arrival order, so the outcome is the one each would have had on its own.
    /// Only where statements are round trips (PostgreSQL): on SQLite a statement is an in-process
    /// call and the one-by-one path measured faster than the wide insert.
    /// </summary>
    public async Task<HoldResult[]> HoldAllAsync(DbConnection connection, DbTransaction tx, IReadOnlyList<NewHold> holds)
    {
        var results = new HoldResult?[holds.Count];
        var groups = Enumerable.Range(0, bulk ? holds.Count : 0)
            .Where(i => holds[i].Idempotency is null && holds[i].Admission is null)
            .GroupBy(i => (holds[i].Terms.Slot.Date, holds[i].Terms.Slot.StartMinute))
            .Where(g => g.Count() > 1);
        foreach (var group in groups)
        {
            var members = group.Select(i => holds[i]).ToList();
            var slot = new
            {
                VisitDate = group.Key.Date, group.Key.StartMinute, Persons = members.Sum(h => h.Terms.Persons), Now = now,
            };
            if (_full.ContainsKey((slot.VisitDate, slot.StartMinute))) continue;
            var remaining = await connection.QuerySingleOrDefaultAsync<long?>(BookingSql.Claim, slot, tx);
            if (remaining is null) continue;
            var inserted = await InsertManyAsync(connection, tx, members);
            var left = members.Where(h => !inserted.Contains(h.Id)).Sum(h => h.Terms.Persons);
            if (left > 0) await connection.ExecuteAsync(BookingSql.GiveBack, slot with { Persons = left }, tx);
            foreach (var i in group.Where(i => inserted.Contains(holds[i].Id)))
                results[i] = new HoldResult(HoldOutcome.Held, (int)remaining + left);
        }
        for (var i = 0; i < holds.Count; i++) results[i] ??= await HoldOneAsync(connection, tx, holds[i]);
        for (var i = 0; i < holds.Count; i++)
            if (results[i]!.Value.Outcome == HoldOutcome.Held && holds[i].TermsVersion is { } version)
                await BookingConsent.RecordAsync(connection, tx, holds[i].Id, version, now);
        return results.Select(r => r!.Value).ToArray();
    }

    private async Task<HashSet<string>> InsertManyAsync(DbConnection connection, DbTransaction tx, List<NewHold> holds)
    {
        var inserted = new HashSet<string>();
        foreach (var chunk in holds.Chunk(50))
        {
            var sql = new System.Text.StringBuilder(BookingSql.InsertHoldColumns).Append(" VALUES ");
            var parameters = new DynamicParameters();
            for (var r = 0; r < chunk.Length; r++)
            {
                if (r > 0) sql.Append(',');
                sql.Append('(').Append(BookingSql.InsertHoldValues.Replace("@", $"@r{r}_")).Append(')');
                var row = BookingSql.HoldRow(chunk[r], now);
                foreach (var property in row.GetType().GetProperties()) parameters.Add($"r{r}_{property.Name}", property.GetValue(row));
            }
            sql.Append(" ON CONFLICT DO NOTHING RETURNING id");
            inserted.UnionWith(await connection.QueryAsync<string>(sql.ToString(), parameters, tx));
        }
        return inserted;
    }

    public async Task<HoldResult> HoldOneAsync(DbConnection connection, DbTransaction tx, NewHold hold, bool retried = false)
    {
        var date = hold.Terms.Slot.Date;
        var minute = hold.Terms.Slot.StartMinute;
        var slot = new { VisitDate = date, StartMinute = minute, hold.Terms.Persons, Now = now };

        if (_full.TryGetValue((date, minute), out var known) && hold.Terms.Persons > known.Remaining)
            return new HoldResult(HoldOutcome.SoldOut, known.Remaining);

        // The admission first: used once, with the booking it admits, or not at all.
        if (hold.Admission is { } admission && !await QueueAdmissions.UseAsync(connection, tx, admission, date, hold.Id, now))
            return new HoldResult(HoldOutcome.AdmissionUsed, 0);

        var remaining = await connection.QuerySingleOrDefaultAsync<long?>(BookingSql.Claim, slot, tx);
        // Lapsed holds count as free: release them (once per slot and batch) only when the claim needs the places.
        if (remaining is null && _swept.Add((date, minute)))
        {
            var released = (await connection.QueryAsync<HoldStore.Released>(BookingSql.ExpireLapsedOfSlot, slot, tx)).ToList();
            if (released.Count > 0)
            {
                await HoldStore.ReleaseAsync(connection, tx, released);
                remaining = await connection.QuerySingleOrDefaultAsync<long?>(BookingSql.Claim, slot, tx);
            }
        }
        if (remaining is null)
        {
            await UndoAdmissionAsync(connection, tx, hold);
            var left = await connection.ExecuteScalarAsync<long>(BookingSql.Remaining, slot, tx);
            var nextLapse = await connection.ExecuteScalarAsync<DateTimeOffset?>(BookingSql.NextLapse, slot, tx);
            var full = new Full(date, minute, (int)left, nextLapse);
            _full[(date, minute)] = full;
            SeenFull.Add(full);
            return new HoldResult(HoldOutcome.SoldOut, (int)left);
        }
        // The key next: a concurrent repeat waits here for the first and then replays its answer.
        if (hold.Idempotency is { } record && await connection.ExecuteAsync(Idempotency.InsertIdempotency, new
            {
                record.Scope, IdemKey = record.Key, record.RequestHash, record.StatusCode, record.ResponseBody, CreatedAt = now,
            }, tx) == 0)
        {
            await GiveBackAsync(connection, tx, slot, date, minute);
            await UndoAdmissionAsync(connection, tx, hold);
            return new HoldResult(HoldOutcome.DuplicateKey, 0);
        }
        if (await connection.ExecuteAsync(BookingSql.InsertHoldUnlessActive, BookingSql.HoldRow(hold, now), tx) == 0)
        {
            await GiveBackAsync(connection, tx, slot, date, minute);
            if (hold.Idempotency is { } stored)
                await connection.ExecuteAsync(Idempotency.DeleteIdempotency, new { stored.Scope, IdemKey = stored.Key }, tx);
            await UndoAdmissionAsync(connection, tx, hold);
            // A lapsed hold of the same person blocks the unique index until released: release and retry once.
            if (!retried && await ReleaseLapsedOfPersonAsync(connection, tx, hold, date)) return await HoldOneAsync(connection, tx, hold, retried: true);
            return new HoldResult(HoldOutcome.LimitExceeded, 0);
        }
        return new HoldResult(HoldOutcome.Held, (int)remaining);
    }

    private Task GiveBackAsync(DbConnection connection, DbTransaction tx, object slot, DateOnly date, int minute)
    {
        _full.Remove((date, minute));
        return connection.ExecuteAsync(BookingSql.GiveBack, slot, tx);
    }

    private static Task UndoAdmissionAsync(DbConnection connection, DbTransaction tx, NewHold hold) =>
        hold.Admission is { } admission
            ? QueueAdmissions.UnuseAsync(connection, tx, admission)
            : Task.CompletedTask;

    private async Task<bool> ReleaseLapsedOfPersonAsync(DbConnection connection, DbTransaction tx, NewHold hold, DateOnly date)
    {
        var released = (await connection.QueryAsync<HoldStore.Released>(BookingSql.ExpireLapsedOfPerson,
            new { VisitDate = date, hold.PersonKey, Now = now }, tx)).ToList();
        await HoldStore.ReleaseAsync(connection, tx, released);
        foreach (var r in released) _full.Remove((r.VisitDate, (int)r.StartMinute));
        return released.Count > 0;
    }
}
