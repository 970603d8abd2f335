using System.Security.Claims;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Tidegate.Domain.Booking;
using Tidegate.Domain.Common;
using Tidegate.Server.Features.Venue;
using Tidegate.Server.Infrastructure;
using Tidegate.Server.Infrastructure.Auth;
using Tidegate.Server.Infrastructure.Privacy;

namespace Tidegate.Server.Features.Booking;

/// <summary>POST /api/v1/bookings: holds places for a party for the hold time, or says why not.</summary>
public static class CreateBooking
{
    private const string Scope = "POST /api/v1/bookings";

    public static async Task<IResult> Handle(
        HttpRequest http, ClaimsPrincipal user, VenueStore venues, SlotStore slots, HoldStore holds, Idempotency idempotency,
        BookingAccess access, PersonalData personal, TimeProvider clock, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json,
        CancellationToken ct)
    {
        var options = json.Value.SerializerOptions;
        var body = await JsonBody.ReadAsync<CreateBookingRequest>(http, options);
        if (!body.IsOk) return Problems.From(body.Error);
        var request = body.Value;
        var key = Idempotency.KeyOf(http);
        if (!key.IsOk) return Problems.From(key.Error);
        var memberId = user.IsInRole(Roles.Member) ? user.FindFirstValue(ClaimTypes.NameIdentifier) : null;
        if (BookingInput.Check(request, memberId is not null) is { } inputError) return Problems.From(inputError);

        var requestHash = Idempotency.Hash(request with { Email = request.Email?.Trim() }, options);
        if (key.Value is { } idemKey && await idempotency.FindAsync(Scope, idemKey, ct) is { } stored)
            return Replay(stored, requestHash, access, options);

        var calendar = await venues.GetAsync(ct);
        var date = BookingInput.ParseDate(request.Date)!.Value;
        var now = DateTimeOffset.FromUnixTimeMilliseconds(clock.GetUtcNow().ToUnixTimeMilliseconds());
        var terms = HoldRules.Check(calendar.Settings, calendar.Day(date), calendar.Prices, calendar.Time,
            BookingInput.ParseTime(request.Start)!.Value, request.Tickets!.ToCounts(), now);
        if (!terms.IsOk) return Problems.From(terms.Error);

        await slots.EnsureAsync(calendar, date, ct);
        var id = Guid.CreateVersion7().ToString();
        var created = Created(id, null, terms.Value, calendar.Time);
        var record = key.Value is { } k
            ? new IdempotencyRecord(Scope, k, requestHash, 201, JsonSerializer.Serialize(created, options))
            : null;
        var hold = new NewHold(id, terms.Value,
            memberId is not null ? "m:" + memberId : personal.EmailKey(request.Email!), memberId,
            request.Email is null ? null : personal.Encrypt(PersonalData.NormaliseEmail(request.Email)),
            request.Name is null ? null : personal.Encrypt(request.Name.Trim()), "web", record);

        var result = await holds.HoldAsync(hold, ct);
        return result.Outcome switch
        {
            HoldOutcome.Held => TypedResults.Created($"/api/v1/bookings/{id}", created with { AccessKey = access.KeyFor(id) }),
            HoldOutcome.SoldOut => Problems.From(new Error(ErrorCodes.SoldOut,
                $"Not enough places left in this slot for {terms.Value.Persons} persons.").With("remaining", result.Remaining)),
            HoldOutcome.LimitExceeded => Problems.From(new Error(ErrorCodes.LimitExceeded,
                "There is already an active booking for this person on this date.")),
            _ => Replay((await idempotency.FindAsync(Scope, key.Value!, ct))!, requestHash, access, options),
        };
    }

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
