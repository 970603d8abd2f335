using System.Security.Claims;
using Dapper;
using Tidegate.Domain.Common;
using Tidegate.Server.Data;
using Tidegate.Server.Features.Audit;
using Tidegate.Server.Features.Payments;
using Tidegate.Server.Features.Venue;
using Tidegate.Server.Infrastructure;
using Tidegate.Server.Infrastructure.Privacy;

namespace Tidegate.Server.Features.Booking;

/// <summary>
/// GET /api/v1/admin/bookings?email=… or ?bookingId=… (admin, operator): bookings with their
/// personal data decrypted, payments and refunds. Every call is written to the audit log first
/// (action booking.viewed, target the booking ids found; never the email searched for): no entry,
/// no data.
/// </summary>
public sealed class FindBookingsForStaff(Db db, VenueStore venues, PersonalData personal, AuditLog audit, TimeProvider clock)
{
    public const int Limit = 100;

    public sealed record Item(string BookingId, string Status, string Channel, string Date, SlotTimes Slot, TicketCountsView Tickets,
        int Persons, int AdmittedPersons, int Amount, string Currency, string? Name, string? Email, string? MemberId,
        DateTimeOffset CreatedAt, DateTimeOffset? ConfirmedAt, IReadOnlyList<StaffPayment> Payments, IReadOnlyList<StaffRefund> Refunds);

    public static async Task<IResult> Handle(string? email, string? bookingId, ClaimsPrincipal user, FindBookingsForStaff useCase, CancellationToken ct)
    {
        var found = await useCase.ExecuteAsync(email, bookingId, user, ct);
        return found.IsOk ? TypedResults.Ok(new { items = found.Value }) : Problems.From(found.Error);
    }

    /// <summary>The search, shared by the API and the console's bookings pages.</summary>
    public async Task<Result<List<Item>>> ExecuteAsync(string? email, string? bookingId, ClaimsPrincipal user, CancellationToken ct)
    {
        var byEmail = !string.IsNullOrWhiteSpace(email);
        var byId = !string.IsNullOrWhiteSpace(bookingId);
        if (byEmail == byId) return Invalid(byEmail ? "bookingId" : "email", "Give exactly one of 'email' and 'bookingId'.");
        if (byEmail && (email!.Length > 320 || !email.Contains('@'))) return Invalid("email", "'email' must be an email address.");
        email = email?.Trim();
        bookingId = bookingId?.Trim();

        List<BookingRow> rows;
        await using (var connection = await db.OpenAsync(ct))
        {
            rows = byEmail
                ? (await connection.QueryAsync<BookingRow>(BookingSql.ByPersonKey, new { PersonKey = personal.EmailKey(email!), Limit })).ToList()
                : (await connection.QueryAsync<BookingRow>(BookingSql.ById, new { Id = bookingId })).ToList();
        }
        await audit.AppendAsync(AuditEvent.By(user, "booking.viewed", string.Join(",", rows.Select(r => r.Id)),
            byEmail ? $"search by email, {rows.Count} found" : "search by booking id"), ct);

        var calendar = await venues.GetAsync(ct);
        var now = clock.GetUtcNow();
        var items = new List<Item>();
        foreach (var row in rows)
        {
            var view = row.ToView(calendar.Time, now, calendar.Settings.SlotMinutes);
            var (paid, refunded) = await PaymentRecords.OfBookingAsync(db, row.Id, ct);
            var time = calendar.Time;
            var payments = paid.Select(p => p with { CreatedAt = time.Local(p.CreatedAt), SettledAt = p.SettledAt is { } s ? time.Local(s) : null }).ToList();
            var refunds = refunded.Select(r => r with { CreatedAt = time.Local(r.CreatedAt) }).ToList();
            items.Add(new Item(row.Id, view.Status, row.Channel, view.Date, view.Slot, view.Tickets, view.Persons, (int)row.AdmittedPersons,
                view.Amount, view.Currency, row.NameEnc is null ? null : personal.Decrypt(row.NameEnc),
                row.EmailEnc is null ? null : personal.Decrypt(row.EmailEnc), row.MemberId,
                calendar.Time.Local(DateTimeOffset.FromUnixTimeMilliseconds(row.CreatedAt)), view.ConfirmedAt, payments, refunds));
        }
        return items;
    }

    private static Error Invalid(string field, string detail) => new Error(ErrorCodes.InvalidRequest, detail).With("field", field);
}
