using System.Security.Claims;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Tidegate.Domain.Booking;
using Tidegate.Domain.Common;
using Tidegate.Domain.Venue;
using Tidegate.Server.Features.Queue;
using Tidegate.Server.Features.Venue;
using Tidegate.Server.Infrastructure;
using Tidegate.Server.Infrastructure.Auth;
using Tidegate.Server.Infrastructure.Privacy;

namespace Tidegate.Server.Features.Booking;

/// <summary>
/// POST /api/v1/bookings: holds places for a party for the hold time, or says why not. Fast paths:
/// the waiting-room check and a known sold-out slot are answered from memory; the hold itself is
/// group-committed by <see cref="HoldStore"/>.
/// </summary>
public static class CreateBooking
{
    private const string Scope = "POST /api/v1/bookings";

    public static async Task<IResult> Handle(
        HttpRequest http, ClaimsPrincipal user, VenueStore venues, SlotStore slots, HoldStore holds, Idempotency idempotency,
        BookingAccess access, PersonalData personal, QueueGate queue, SlotSignals signals, TimeProvider clock,
        IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, CancellationToken ct)
    {
        var options = json.Value.SerializerOptions;
        var body = await JsonBody.ReadAsync<CreateBookingRequest>(http, options);
        if (!body.IsOk) return Problems.From(body.Error);
        var request = body.Value;
        var key = Idempotency.KeyOf(http);
        if (!key.IsOk) return Problems.From(key.Error);
        var memberId = user.IsInRole(Roles.Member) ? user.FindFirstValue(ClaimTypes.NameIdentifier) : null;
        if (BookingInput.Check(request, memberId is not null) is { } inputError) return Problems.From(inputError);

        // Only a keyed request needs its hash (a replay must match it); the rush's unkeyed requests skip the work.
        var requestHash = key.Value is null ? "" : Idempotency.Hash(request with { Email = request.Email?.Trim() }, options);
        if (key.Value is { } idemKey && await idempotency.FindAsync(Scope, idemKey, ct) is { } stored)
            return Replay(stored, requestHash, access, options);

        var calendar = await venues.GetAsync(ct);
        var date = BookingInput.ParseDate(request.Date)!.Value;
        var now = DateTimeOffset.FromUnixTimeMilliseconds(clock.GetUtcNow().ToUnixTimeMilliseconds());
        var terms = HoldRules.Check(calendar.Settings, calendar.Day(date), calendar.Prices, calendar.Time,
            BookingInput.ParseTime(request.Start)!.Value, request.Tickets!.ToCounts(), now);
        if (!terms.IsOk) return Problems.From(terms.Error);
        var admission = queue.Check(http, date, BookingWindow.OpensAt(date, calendar.Time), now);
        if (!admission.IsOk) return Problems.From(admission.Error);
        // Known full for this party: answered without the database (a keyed request was already checked for a replay).
        if (signals.KnownTooFull(SlotStore.Key(date), terms.Value.Slot.StartMinute, terms.Value.Persons) is { } left)
            return SoldOut(terms.Value.Persons, left);

        await slots.EnsureAsync(calendar, date, ct);
        var id = Guid.CreateVersion7().ToString();
        var created = Created(id, null, terms.Value, calendar.Time);
        var record = key.Value is { } k
            ? new IdempotencyRecord(Scope, k, requestHash, 201, JsonSerializer.Serialize(created, options))
            : null;
        var hold = new NewHold(id, terms.Value,
            memberId is not null ? "m:" + memberId : personal.EmailKey(request.Email!), memberId,
            request.Email is null ? null : personal.Encrypt(PersonalData.NormaliseEmail(request.Email)),
            request.Name is null ? null : personal.Encrypt(request.Name.Trim()), "web", record, admission.Value);

        HoldResult result;
        try
        {
            result = await holds.HoldAsync(hold, ct);
        }
        catch (Infrastructure.OverloadedException)
        {
            http.HttpContext.Response.Headers.RetryAfter = "1";
            return Problems.From(new Error(ErrorCodes.Unavailable, "Bookings are very busy right now: try again in a second."));
        }
        return result.Outcome switch
        {
            HoldOutcome.Held => TypedResults.Created($"/api/v1/bookings/{id}", created with { AccessKey = access.KeyFor(id) }),
            HoldOutcome.SoldOut => SoldOut(terms.Value.Persons, result.Remaining),
            HoldOutcome.LimitExceeded => Problems.From(new Error(ErrorCodes.LimitExceeded,
                "There is already an active booking for this person on this date.")),
            HoldOutcome.AdmissionUsed => Problems.From(new Error(ErrorCodes.QueueRequired,
                "This admission was already used for a booking: join the waiting room again.")),
            _ => Replay((await idempotency.FindAsync(Scope, key.Value!, ct))!, requestHash, access, options),
        };
    }

    private static IResult SoldOut(int persons, int remaining) => Problems.From(new Error(ErrorCodes.SoldOut,
        $"Not enough places left in this slot for {persons} persons.").With("remaining", remaining));

    private static CreatedBooking Created(string id, string? accessKey, HoldTerms terms, Domain.Venue.VenueTime time) => new(
        id, accessKey, BookingStatus.Held, time.Local(terms.ExpiresAt), new SlotTimes(terms.SlotStart, terms.SlotEnd),
        terms.Persons, terms.Amount, "JPY");

    private static IResult Replay(Idempotency.Stored stored, string requestHash, BookingAccess access, JsonSerializerOptions options)
    {
        if (stored.RequestHash != requestHash) return Problems.From(Idempotency.Conflict());
        var first = JsonSerializer.Deserialize<CreatedBooking>(stored.ResponseBody, options)!;
        return TypedResults.Created($"/api/v1/bookings/{first.BookingId}", first with { AccessKey = access.KeyFor(first.BookingId) });
    }
}
