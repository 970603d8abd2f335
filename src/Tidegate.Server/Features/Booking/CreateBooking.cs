using System.Security.Claims;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Tidegate.Domain.Booking;
using Tidegate.Domain.Common;
using Tidegate.Domain.Venue;
using Tidegate.Server.Data;
using Tidegate.Server.Features.Queue;
using Tidegate.Server.Features.Venue;
using Tidegate.Server.Infrastructure;
using Tidegate.Server.Infrastructure.Auth;
using Tidegate.Server.Infrastructure.Privacy;
using JsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace Tidegate.Server.Features.Booking;

/// <summary>
/// Holds places for a party for the hold time, or says why not. The API endpoint and the booking
/// pages both go through <see cref="ExecuteAsync"/>. Fast paths: the waiting-room check and a known
/// sold-out slot are answered from memory; the hold itself is group-committed by <see cref="HoldStore"/>.
/// </summary>
public sealed class CreateBooking(
    VenueStore venues, SlotStore slots, HoldStore holds, Idempotency idempotency, BookingAccess access,
    PersonalData personal, QueueGate queue, SlotSignals signals, VisitorLimits limits, BookingConsent consent, TimeProvider clock,
    IOptions<JsonOptions> json)
{
    private const string Scope = "POST /api/v1/bookings";
    private JsonSerializerOptions Options => json.Value.SerializerOptions;

    /// <summary>POST /api/v1/bookings.</summary>
    public static async Task<IResult> Handle(
        Body<CreateBookingRequest> body, HttpRequest http, ClaimsPrincipal user, CreateBooking useCase, CancellationToken ct)
    {
        var key = Idempotency.KeyOf(http);
        if (!key.IsOk) return Problems.From(key.Error);
        var result = await useCase.ExecuteAsync(body.Value, MemberOf(user), key.Value, http.Headers[QueueGate.Header].ToString(), ct);
        if (result.IsOk) return TypedResults.Created($"/api/v1/bookings/{result.Value.BookingId}", result.Value);
        return Problems.From(result.Error);
    }

    public static string? MemberOf(ClaimsPrincipal user) =>
        user.IsInRole(Roles.Member) ? user.FindFirstValue(ClaimTypes.NameIdentifier) : null;

    public async Task<Result<CreatedBooking>> ExecuteAsync(
        CreateBookingRequest request, string? memberId, string? idempotencyKey, string? admissionToken, CancellationToken ct)
    {
        if (BookingInput.Check(request, memberId is not null) is { } inputError) return inputError;
        if (consent.Check(request.AcceptedTerms) is { } termsError) return termsError;
        // Only a keyed request needs its hash (a replay must match it); the rush's unkeyed requests skip the work.
        var requestHash = idempotencyKey is null ? "" : Idempotency.Hash(request with { Email = request.Email?.Trim() }, Options,
            Idempotency.Caller(memberId, admissionToken));
        if (idempotencyKey is not null && await idempotency.FindAsync(Scope, idempotencyKey, ct) is { } stored)
            return Replay(stored, requestHash);

        var calendar = await venues.GetAsync(ct);
        var date = BookingInput.ParseDate(request.Date)!.Value;
        var now = DateTimeOffset.FromUnixTimeMilliseconds(clock.GetUtcNow().ToUnixTimeMilliseconds());
        var terms = HoldRules.Check(calendar.Settings, calendar.Day(date), calendar.Prices, calendar.Time,
            BookingInput.ParseTime(request.Start)!.Value, request.Tickets!.ToCounts(), now);
        if (!terms.IsOk) return terms.Error;
        var admission = queue.Check(admissionToken, date, BookingWindow.OpensAt(date, calendar.Time), now);
        if (!admission.IsOk) return admission.Error;
        // Known full for this party: answered without the database (a keyed request was already checked for a replay).
        if (signals.KnownTooFull(date, terms.Value.Slot.StartMinute, terms.Value.Persons) is { } left)
            return SoldOut(terms.Value.Persons, left);

        // Fairness per person (the member, or the email's keyed hash), never per address: a crowd behind
        // one address books freely. Checked where a booking would reach the writer: the refusals above
        // are answered from memory, and a retried keyed request gets its stored answer first.
        var person = memberId is not null ? "m:" + memberId : personal.EmailKey(request.Email!);
        if (limits.TryBook(person) is { } throttled) return throttled;

        await slots.EnsureAsync(calendar, date, ct);
        var id = Guid.CreateVersion7().ToString();
        var created = new CreatedBooking(id, null, BookingStatus.Held, calendar.Time.Local(terms.Value.ExpiresAt),
            new SlotTimes(terms.Value.SlotStart, terms.Value.SlotEnd), terms.Value.Persons, terms.Value.Amount, "JPY");
        var record = idempotencyKey is not null
            ? new IdempotencyRecord(Scope, idempotencyKey, requestHash, 201, JsonSerializer.Serialize(created, Options))
            : null;
        var hold = new NewHold(id, terms.Value,
            person, memberId,
            request.Email is null ? null : personal.Encrypt(PersonalData.NormaliseEmail(request.Email)),
            request.Name is null ? null : personal.Encrypt(request.Name.Trim()), "web", record, admission.Value, request.Language,
            request.AcceptedTerms);

        HoldResult result;
        try
        {
            result = await holds.HoldAsync(hold, ct);
        }
        catch (OverloadedException)
        {
            return new Error(ErrorCodes.Unavailable, "Bookings are very busy right now: try again in a second.");
        }
        return result.Outcome switch
        {
            HoldOutcome.Held => created with { AccessKey = access.KeyFor(id) },
            HoldOutcome.SoldOut => SoldOut(terms.Value.Persons, result.Remaining),
            HoldOutcome.LimitExceeded => new Error(ErrorCodes.LimitExceeded, "There is already an active booking for this person on this date."),
            HoldOutcome.AdmissionUsed => new Error(ErrorCodes.QueueRequired, "This admission was already used for a booking: join the waiting room again."),
            _ => Replay((await idempotency.FindAsync(Scope, idempotencyKey!, ct))!, requestHash),
        };
    }

    private static Error SoldOut(int persons, int remaining) =>
        new Error(ErrorCodes.SoldOut, $"Not enough places left in this slot for {persons} persons.").With("remaining", remaining);

    private Result<CreatedBooking> Replay(Idempotency.Stored stored, string requestHash)
    {
        if (stored.RequestHash != requestHash) return Idempotency.Conflict();
        var first = JsonSerializer.Deserialize<CreatedBooking>(stored.ResponseBody, Options)!;
        return first with { AccessKey = access.KeyFor(first.BookingId) };
    }
}
