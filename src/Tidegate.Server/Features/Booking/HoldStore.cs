using System.Data.Common;
using Dapper;
using Tidegate.Domain.Booking;
using Tidegate.Server.Data;
using Tidegate.Server.Features.Venue;

namespace Tidegate.Server.Features.Booking;

/// <summary>
/// The capacity protocol (docs/concurrency.md): places are claimed only by one conditional UPDATE
/// of the slot's counter; lapsed holds are released (status CAS, then a decrement) before the claim
/// in the same transaction, and by the sweeper in the background.
/// </summary>
public sealed class HoldStore(Db db, TimeProvider clock)
{
    public async Task<HoldResult> HoldAsync(NewHold hold, CancellationToken ct = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var result = await TryHoldAsync(hold, ct);
                // A lapsed hold of the same person blocks the unique index until released: release and retry once.
                if (result.Outcome == HoldOutcome.LimitExceeded && attempt == 1 && await ReleaseLapsedOfPersonAsync(hold, ct)) continue;
                return result;
            }
            catch (DbException e) when (Db.IsTransient(e) && attempt < 5)
            {
                await Task.Delay(Random.Shared.Next(2, 20), ct);
            }
        }
    }

    private async Task<HoldResult> TryHoldAsync(NewHold hold, CancellationToken ct)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var slot = new { VisitDate = SlotStore.Key(hold.Terms.Slot.Date), hold.Terms.Slot.StartMinute, Persons = hold.Terms.Persons, Now = now };
        await using var connection = await db.OpenAsync(ct);
        await using var tx = await db.BeginWriteAsync(connection, ct);

        await ReleaseAsync(connection, tx, await connection.QueryAsync<Released>(BookingSql.ExpireLapsedOfSlot, slot, tx));
        var remaining = await connection.QuerySingleOrDefaultAsync<long?>(BookingSql.Claim, slot, tx);
        if (remaining is null)
        {
            var left = await connection.ExecuteScalarAsync<long>(BookingSql.Remaining, slot, tx);
            await tx.RollbackAsync(ct);
            return new HoldResult(HoldOutcome.SoldOut, (int)left);
        }
        // The key first: a concurrent repeat waits here for the first and then replays its answer.
        if (hold.Idempotency is { } record && !await TryStoreAsync(connection, tx, record, now))
        {
            await tx.RollbackAsync(ct);
            return new HoldResult(HoldOutcome.DuplicateKey, 0);
        }
        try
        {
            await connection.ExecuteAsync(BookingSql.InsertHold, BookingSql.HoldRow(hold, now), tx);
        }
        catch (DbException e) when (Db.IsUniqueViolation(e))
        {
            await tx.RollbackAsync(ct);
            return new HoldResult(HoldOutcome.LimitExceeded, 0);
        }
        await tx.CommitAsync(ct);
        return new HoldResult(HoldOutcome.Held, (int)remaining);
    }

    private async Task<bool> ReleaseLapsedOfPersonAsync(NewHold hold, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        await using var tx = await db.BeginWriteAsync(connection, ct);
        var released = (await connection.QueryAsync<Released>(BookingSql.ExpireLapsedOfPerson, new
        {
            VisitDate = SlotStore.Key(hold.Terms.Slot.Date), hold.PersonKey, Now = clock.GetUtcNow().ToUnixTimeMilliseconds(),
        }, tx)).ToList();
        await ReleaseAsync(connection, tx, released);
        await tx.CommitAsync(ct);
        return released.Count > 0;
    }

    /// <summary>Expires up to <paramref name="limit"/> lapsed holds anywhere; the sweeper's work.</summary>
    public async Task<int> SweepAsync(int limit, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        await using var tx = await db.BeginWriteAsync(connection, ct);
        var released = (await connection.QueryAsync<Released>(BookingSql.ExpireLapsed,
            new { Now = clock.GetUtcNow().ToUnixTimeMilliseconds(), Limit = limit }, tx)).ToList();
        await ReleaseAsync(connection, tx, released);
        await tx.CommitAsync(ct);
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

    private static async Task<bool> TryStoreAsync(DbConnection connection, DbTransaction tx, IdempotencyRecord record, long now)
    {
        var inserted = await connection.ExecuteAsync(BookingSql.InsertIdempotency, new
        {
            record.Scope, IdemKey = record.Key, record.RequestHash, record.StatusCode, record.ResponseBody, CreatedAt = now,
        }, tx);
        return inserted == 1;
    }

    public sealed class Released
    {
        public string VisitDate { get; set; } = "";
        public long StartMinute { get; set; }
        public long Persons { get; set; }
    }
}
