using System.Data.Common;
using System.Text.Json;
using Dapper;
using Tidegate.Domain.Gates;
using Tidegate.Domain.Tickets;
using Tidegate.Domain.Venue;
using Tidegate.Server.Data;
using Tidegate.Server.Features.Booking;

using Tidegate.Server.Features.Venue;

namespace Tidegate.Server.Features.Gates;

/// <summary>
/// Decides and records one scan in one transaction: read the ticket, decide (pure rule), admit by
/// the conditional UPDATE, flag an offline conflict, store the scan under its nonce. A repeated
/// nonce, even concurrent, gets the stored decision: the loser's transaction (admission included)
/// rolls back on the nonce's primary key.
/// </summary>
public sealed class ScanStore(Db db, JsonSerializerOptions json)
{
    public sealed record Scan(ScanRequest Request, TicketClaims? Claims, DateTimeOffset At, DateOnly Today, long Now);

    public async Task<ScanResponse?> FindAsync(string nonce, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var stored = await connection.QuerySingleOrDefaultAsync<string>(GateSql.FindScan, new { Nonce = nonce });
        return stored is null ? null : JsonSerializer.Deserialize<ScanResponse>(stored, json);
    }

    public async Task<ScanResponse> RedeemAsync(Scan scan, VenueCalendar calendar, EntryWindow window, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await TryRedeemAsync(scan, calendar, window, ct) ?? (await FindAsync(scan.Request.Nonce!, ct))!;
            }
            catch (DbException e) when (Db.IsTransient(e) && attempt < 5)
            {
                await Task.Delay(Random.Shared.Next(2, 20), ct);
            }
        }
    }

    private async Task<ScanResponse?> TryRedeemAsync(Scan scan, VenueCalendar calendar, EntryWindow window, CancellationToken ct)
    {
        var request = scan.Request;
        await using var connection = await db.OpenAsync(ct);
        await using var tx = await db.BeginWriteAsync(connection, ct);
        var row = scan.Claims is null ? null
            : await connection.QuerySingleOrDefaultAsync<GateTicketRow>(GateSql.Ticket, new { Id = scan.Claims.BookingId.ToString() }, tx);
        var decision = Decide(scan, row, calendar, window);
        var admittedTotal = (int)(row?.AdmittedPersons ?? 0);
        // Another lane may have admitted between our read and our write (PostgreSQL, read committed):
        // the conditional UPDATE then matches nothing, and we decide again on the fresh row.
        for (var i = 0; decision.IsAdmitted && i < 5; i++)
        {
            var total = await connection.QuerySingleOrDefaultAsync<long?>(GateSql.Admit, new
            {
                Id = row!.Id, Persons = decision.Admit, At = scan.At.ToUnixTimeMilliseconds(), request.GateId, Serial = row.TicketSerial,
            }, tx);
            if (total is { } t) { admittedTotal = (int)t; break; }
            row = await connection.QuerySingleOrDefaultAsync<GateTicketRow>(GateSql.Ticket, new { row.Id }, tx);
            decision = Decide(scan, row, calendar, window);
            admittedTotal = (int)(row?.AdmittedPersons ?? 0);
        }

        var offline = request.ScannedAt is not null;
        var conflict = offline && request.OfflineResult != "rejected" && row is not null && await FlagConflictAsync(connection, tx, scan, row, decision);
        var response = Respond(decision, row, calendar, admittedTotal, offline, conflict);
        try
        {
            await connection.ExecuteAsync(GateSql.InsertScan, new
            {
                request.Nonce, request.GateId, BookingId = row?.Id, VisitDate = SlotStore.Key(scan.Today), response.Result, response.Reason,
                Admitted = response.Admitted, ScannedAt = scan.At.ToUnixTimeMilliseconds(), ReceivedAt = scan.Now, Offline = offline ? 1 : 0,
                Response = JsonSerializer.Serialize(response, json),
            }, tx);
        }
        catch (DbException e) when (Db.IsUniqueViolation(e))
        {
            await tx.RollbackAsync(ct);
            return null; // the same nonce won elsewhere: answer with its decision
        }
        await tx.CommitAsync(ct);
        return response;
    }

    private static EntryDecision Decide(Scan scan, GateTicketRow? row, VenueCalendar calendar, EntryWindow window)
    {
        // A device that refused offline is recorded as it decided, never counted afterwards.
        if (scan.Request.OfflineResult == "rejected")
            return EntryDecision.Refused(scan.Request.OfflineReason is { Length: > 0 } reason ? reason : ScanReasons.Invalid);
        return EntryRules.Decide(scan.Claims, row is null ? null : StateOf(row, calendar), scan.Request.Admit, scan.At, scan.Today, window);
    }

    /// <summary>The device let persons in offline that the server cannot count (used elsewhere, revoked…): flag it for operators.</summary>
    private static async Task<bool> FlagConflictAsync(DbConnection connection, DbTransaction tx, Scan scan, GateTicketRow row, EntryDecision decision)
    {
        var deviceAdmitted = scan.Request.Admit ?? scan.Claims!.Persons;
        var overflow = deviceAdmitted - decision.Admit;
        if (overflow <= 0) return false;
        await connection.ExecuteAsync(GateSql.InsertConflict, new
        {
            Id = Guid.CreateVersion7().ToString(), BookingId = row.Id, row.VisitDate, scan.Request.Nonce, scan.Request.GateId,
            ScannedAt = scan.At.ToUnixTimeMilliseconds(), Reason = decision.Reason ?? "over_admitted", Persons = overflow,
            row.FirstGateId, FirstUsedAt = row.FirstAdmittedAt, DetectedAt = scan.Now,
        }, tx);
        return true;
    }

    public static TicketState StateOf(GateTicketRow row, VenueCalendar calendar)
    {
        var slot = SlotOf(row, calendar);
        return new TicketState(row.Status, (int)row.TicketSerial, (int)row.Persons, (int)row.AdmittedPersons,
            row.FirstAdmittedAt is { } f ? calendar.Time.Local(DateTimeOffset.FromUnixTimeMilliseconds(f)) : null, row.FirstGateId,
            slot.Date, calendar.Time.Start(slot), calendar.Time.End(slot));
    }

    private static Slot SlotOf(GateTicketRow row, VenueCalendar calendar)
    {
        var start = SlotGrid.AtMinute((int)row.StartMinute);
        return new Slot(DateOnly.ParseExact(row.VisitDate, "yyyy-MM-dd"), start, start.AddMinutes(calendar.Settings.SlotMinutes));
    }

    private static ScanResponse Respond(EntryDecision d, GateTicketRow? row, VenueCalendar calendar, int admittedTotal, bool offline, bool conflict)
    {
        Slot? slot = row is null ? null : SlotOf(row, calendar);
        var persons = (int)(row?.Persons ?? 0);
        return new ScanResponse(d.Result, d.Reason, persons, d.Admit, Math.Max(0, persons - admittedTotal),
            slot is { } s ? new SlotTimes(calendar.Time.Start(s), calendar.Time.End(s)) : null,
            d.FirstUsedAt, d.FirstGateId, d.ValidFrom, admittedTotal, offline, conflict);
    }

}
