using Dapper;
using Tidegate.Domain.Common;
using Tidegate.Domain.Tickets;
using Tidegate.Server.Data;
using Tidegate.Server.Features.Venue;
using Tidegate.Server.Infrastructure;

namespace Tidegate.Server.Features.Gates;

/// <summary>
/// POST /api/v1/gate/manual-scans {bookingId, gateId, admit?, nonce}: a visitor whose QR will not
/// read (cracked screen, flat battery) gives the booking number and staff at a registered gate
/// device type it. The answer and every rule are the scan's: the booking stands in for the code's
/// claims (its current ticket serial, so nothing revoked is admitted), then the same writer, the
/// same <see cref="Tidegate.Domain.Gates.EntryRules"/> and the same nonce handling decide and
/// record it. Only gate devices may call it (the Gate policy, on the group).
/// </summary>
public sealed class AdmitByBookingNumber(Db db, ScanStore scans, VenueStore venues, GateSettings settings, TimeProvider clock)
{
    public sealed record Request(string? BookingId, string? GateId, int? Admit, string? Nonce);

    public static Task<IResult> Handle(Body<Request> body, AdmitByBookingNumber useCase, CancellationToken ct) => useCase.ExecuteAsync(body.Value, ct);

    public async Task<IResult> ExecuteAsync(Request request, CancellationToken ct)
    {
        var calendar = await venues.GetAsync(ct);
        if (!Guid.TryParse(request.BookingId?.Trim(), out var bookingId))
            return Problems.From(new Error(ErrorCodes.InvalidRequest, "'bookingId' is the booking number shown on the ticket.").With("field", "bookingId"));
        var asScan = new ScanRequest("manual:" + bookingId, request.GateId, request.Admit, request.Nonce, null);
        if (GateInput.Check(asScan, calendar.Settings.MaxPartySize) is { } error) return Problems.From(error);

        GateTicketRow? row;
        await using (var connection = await db.OpenAsync(ct))
            row = await connection.QuerySingleOrDefaultAsync<GateTicketRow>(GateSql.Ticket, new { Id = bookingId.ToString() });
        // No such booking reads as an unreadable code: "invalid", recorded like any refused scan.
        var claims = row is null ? null
            : new TicketClaims(bookingId, row.VisitDate, (int)row.StartMinute, (int)row.Persons, (int)row.TicketSerial);
        var now = clock.GetUtcNow();
        var scan = new ScanStore.Scan(asScan, claims, now, calendar.Time.Today(now), now, calendar, settings.Window);
        try
        {
            return TypedResults.Ok(await scans.RedeemAsync(scan, ct));
        }
        catch (OverloadedException)
        {
            return Problems.From(new Error(ErrorCodes.Unavailable, "The gate service is very busy: try again in a second."));
        }
    }
}
