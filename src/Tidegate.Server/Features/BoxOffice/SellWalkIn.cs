using System.Data.Common;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.Options;
using Tidegate.Domain.Booking;
using Tidegate.Domain.Common;
using Tidegate.Server.Data;
using Tidegate.Server.Features.Booking;
using Tidegate.Server.Features.Tickets;
using Tidegate.Server.Features.Venue;
using Tidegate.Server.Infrastructure;

namespace Tidegate.Server.Features.BoxOffice;

/// <summary>
/// POST /api/v1/box-office/bookings {start, tickets}: staff (operator, admin) sell today's places
/// from the walk-in share; payment is taken at the counter, so the booking is confirmed at once
/// (channel box_office) and answered with its ticket code and printable ticket page.
/// </summary>
public sealed class SellWalkIn(
    Db db, VenueStore venues, SlotStore slots, Idempotency idempotency, BookingLookup bookings, IEnumerable<IConfirmationStep> steps,
    TicketIssuer issuer, BookingAccess access, TimeProvider clock, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json)
{
    private const string Scope = "POST /api/v1/box-office/bookings";

    public sealed record Request(string? Start, TicketsRequest? Tickets);

    public sealed record Response(string BookingId, string AccessKey, string Status, string Channel, SlotTimes Slot, int Persons,
        int Amount, string Currency, string TicketCode, string TicketUrl, string TicketImageUrl);

    public static async Task<IResult> Handle(Body<Request> body, HttpRequest http, SellWalkIn useCase, CancellationToken ct)
    {
        var key = Idempotency.KeyOf(http);
        if (!key.IsOk) return Problems.From(key.Error);
        var staff = http.HttpContext.User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value;
        var sold = await useCase.ExecuteAsync(body.Value, key.Value, staff, ct);
        return sold.IsOk ? TypedResults.Created($"/api/v1/bookings/{sold.Value.BookingId}", sold.Value) : Problems.From(sold.Error);
    }

    /// <summary>The sale (the ticket, or the refusal), shared by the API and the console's box-office page.</summary>
    public async Task<Result<Response>> ExecuteAsync(Request request, string? idempotencyKey, string? staffId, CancellationToken ct)
    {
        var options = json.Value.SerializerOptions;
        if (BookingInput.ParseTime(request.Start) is not { } start) return Invalid("start", "'start' must be a slot start time as HH:mm.");
        if (request.Tickets is not { } tickets) return Invalid("tickets", "'tickets' must give the number of each ticket type.");
        var requestHash = Idempotency.Hash(request, options, Idempotency.Caller(staffId, null));
        if (idempotencyKey is { } k && await idempotency.FindAsync(Scope, k, ct) is { } stored)
            return await ReplayAsync(stored, requestHash, ct);

        var calendar = await venues.GetAsync(ct);
        var now = DateTimeOffset.FromUnixTimeMilliseconds(clock.GetUtcNow().ToUnixTimeMilliseconds());
        var today = calendar.Time.Today(now);
        var terms = HoldRules.Check(calendar.Settings, calendar.Day(today), calendar.Prices, calendar.Time, start, tickets.ToCounts(), now);
        if (!terms.IsOk) return terms.Error;
        await slots.EnsureAsync(calendar, today, ct);

        var id = Guid.CreateVersion7().ToString();
        var slot = new { VisitDate = today, terms.Value.Slot.StartMinute, terms.Value.Persons };
        await using var write = await db.BeginWriteAsync(ct);
        var (connection, tx) = write;
        if (await connection.QuerySingleOrDefaultAsync<long?>(BoxOfficeSql.Claim, slot, tx) is null)
        {
            var left = await connection.ExecuteScalarAsync<long>(BoxOfficeSql.Remaining, slot, tx);
            await tx.RollbackAsync(ct);
            return new Error(ErrorCodes.SoldOut, $"Not enough walk-in places left in this slot for {terms.Value.Persons} persons.")
                .With("remaining", left);
        }
        var t = terms.Value.Tickets;
        var row = await connection.QuerySingleAsync<BookingRow>(BoxOfficeSql.InsertConfirmed, new
        {
            Id = id, slot.VisitDate, slot.StartMinute, Adults = t.Adult, Children = t.Child, Infants = t.Infant, Toddlers = t.Toddler,
            slot.Persons, terms.Value.Amount, PersonKey = OneBookingPerPersonAndDate.WalkInPersonKey(id), Now = now,
        }, tx);
        foreach (var step in steps) await step.OnConfirmedAsync(connection, tx, row, ct);
        var response = new Response(id, access.KeyFor(id), BookingStatus.Confirmed, "box_office",
            new SlotTimes(terms.Value.SlotStart, terms.Value.SlotEnd), terms.Value.Persons, terms.Value.Amount, "JPY",
            issuer.CodeFor(row), issuer.PageUrl(id), issuer.ImageUrl(id));
        if (idempotencyKey is { } idemKey && !await StoreAsync(connection, tx, idemKey, requestHash, response, options, now))
        {
            await tx.RollbackAsync(ct);
            return await ReplayAsync((await idempotency.FindAsync(Scope, idemKey, ct))!, requestHash, ct);
        }
        await tx.CommitAsync(ct);
        return response;
    }

    private static Error Invalid(string field, string detail) => new Error(ErrorCodes.InvalidRequest, detail).With("field", field);

    /// <summary>Stored without its secrets (access key, code, links); a replay derives them again.</summary>
    private static async Task<bool> StoreAsync(DbConnection connection, DbTransaction tx, string key, string hash, Response response,
        JsonSerializerOptions options, DateTimeOffset now) =>
        await connection.ExecuteAsync(Idempotency.InsertIdempotency, new
        {
            Scope, IdemKey = key, RequestHash = hash, StatusCode = 201,
            ResponseBody = JsonSerializer.Serialize(response with { AccessKey = "", TicketCode = "", TicketUrl = "", TicketImageUrl = "" }, options),
            CreatedAt = now.ToUnixTimeMilliseconds(),
        }, tx) == 1;

    private async Task<Result<Response>> ReplayAsync(Idempotency.Stored stored, string requestHash, CancellationToken ct)
    {
        var options = json.Value.SerializerOptions;
        if (stored.RequestHash != requestHash) return Idempotency.Conflict();
        var first = JsonSerializer.Deserialize<Response>(stored.ResponseBody, options)!;
        var row = (await bookings.ByIdAsync(first.BookingId, ct))!;
        return first with
        {
            AccessKey = access.KeyFor(row.Id), TicketCode = issuer.CodeFor(row), TicketUrl = issuer.PageUrl(row.Id), TicketImageUrl = issuer.ImageUrl(row.Id),
        };
    }
}
