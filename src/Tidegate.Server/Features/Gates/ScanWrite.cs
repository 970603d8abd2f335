using System.Data.Common;
using System.Text.Json;
using Dapper;
using Tidegate.Domain.Gates;
using Tidegate.Domain.Venue;
using Tidegate.Server.Features.Booking;
using Tidegate.Server.Features.Venue;

namespace Tidegate.Server.Features.Gates;

/// <summary>
/// Decides and records one scan inside the writer's transaction: claim the nonce, read the ticket,
/// decide (pure rule), admit by the conditional UPDATE, flag an offline conflict, store the answer
/// under the nonce. A nonce already claimed (a retry, or the same scan racing on another instance,
/// whose INSERT waits for that transaction) gets the stored decision and changes nothing.
/// </summary>
internal static class ScanWrite
{
    public static async Task<ScanResponse> RedeemAsync(DbConnection connection, DbTransaction tx, ScanStore.Scan scan, JsonSerializerOptions json)
    {
        var request = scan.Request;
        var offline = request.ScannedAt is not null;
        var key = new
        {
            request.Nonce, request.GateId, VisitDate = scan.Today, ScannedAt = scan.At,
            ReceivedAt = scan.Now, Offline = offline ? 1 : 0,
        };
        if (await connection.ExecuteAsync(GateSql.ClaimNonce, key, tx) == 0)
            return JsonSerializer.Deserialize<ScanResponse>(await connection.QuerySingleAsync<string>(GateSql.FindScan, new { request.Nonce }, tx), json)!;

        var row = scan.Claims is null ? null
            : await connection.QuerySingleOrDefaultAsync<GateTicketRow>(GateSql.Ticket, new { Id = scan.Claims.BookingId.ToString() }, tx);
        var decision = Decide(scan, row);
        var admittedTotal = (int)(row?.AdmittedPersons ?? 0);
        // Another lane may have admitted between our read and our write (PostgreSQL, read committed):
        // the conditional UPDATE then matches nothing, and we decide again on the fresh row.
        for (var i = 0; decision.IsAdmitted && i < 5; i++)
        {
            var total = await connection.QuerySingleOrDefaultAsync<long?>(GateSql.Admit, new
            {
                Id = row!.Id, Persons = decision.Admit, At = scan.At, request.GateId, Serial = row.TicketSerial,
            }, tx);
            if (total is { } t) { admittedTotal = (int)t; break; }
            row = await connection.QuerySingleOrDefaultAsync<GateTicketRow>(GateSql.Ticket, new { row.Id }, tx);
            decision = Decide(scan, row);
            admittedTotal = (int)(row?.AdmittedPersons ?? 0);
        }

        var conflict = offline && request.OfflineResult != "rejected" && row is not null && await FlagConflictAsync(connection, tx, scan, row, decision);
        var response = Respond(decision, row, scan.Calendar, admittedTotal, offline, conflict);
        await connection.ExecuteAsync(GateSql.RecordScan, new
        {
            request.Nonce, BookingId = row?.Id, response.Result, response.Reason, Admitted = response.Admitted,
            Response = JsonSerializer.Serialize(response, json),
        }, tx);
        return response;
    }

    private static EntryDecision Decide(ScanStore.Scan scan, GateTicketRow? row)
    {
        // A device that refused offline is recorded as it decided, never counted afterwards.
        if (scan.Request.OfflineResult == "rejected")
            return EntryDecision.Refused(scan.Request.OfflineReason is { Length: > 0 } reason ? reason : ScanReasons.Invalid);
        return EntryRules.Decide(scan.Claims, row is null ? null : StateOf(row, scan.Calendar), scan.Request.Admit, scan.At, scan.Today, scan.Window);
    }

    /// <summary>The device let persons in offline that the server cannot count (used elsewhere, revoked…): flag it for operators.</summary>
    private static async Task<bool> FlagConflictAsync(DbConnection connection, DbTransaction tx, ScanStore.Scan scan, GateTicketRow row, EntryDecision decision)
    {
        var deviceAdmitted = scan.Request.Admit ?? scan.Claims!.Persons;
        var overflow = deviceAdmitted - decision.Admit;
        if (overflow <= 0) return false;
        await connection.ExecuteAsync(GateSql.InsertConflict, new
        {
            Id = Guid.CreateVersion7().ToString(), BookingId = row.Id, row.VisitDate, scan.Request.Nonce, scan.Request.GateId,
            ScannedAt = scan.At, Reason = decision.Reason ?? "over_admitted", Persons = overflow,
            row.FirstGateId, FirstUsedAt = row.FirstAdmittedAt, DetectedAt = scan.Now,
        }, tx);
        return true;
    }

    public static TicketState StateOf(GateTicketRow row, VenueCalendar calendar)
    {
        var slot = SlotOf(row, calendar);
        return new TicketState(row.Status, (int)row.TicketSerial, (int)row.Persons, (int)row.AdmittedPersons,
            row.FirstAdmittedAt is { } f ? calendar.Time.Local(f) : null, row.FirstGateId,
            slot.Date, calendar.Time.Start(slot), calendar.Time.End(slot));
    }

    private static Slot SlotOf(GateTicketRow row, VenueCalendar calendar)
    {
        var start = SlotGrid.AtMinute((int)row.StartMinute);
        return new Slot(row.VisitDate, start, start.AddMinutes(calendar.Settings.SlotMinutes));
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
