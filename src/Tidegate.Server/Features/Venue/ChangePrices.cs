using System.Security.Claims;
using Dapper;
using Tidegate.Domain.Booking;
using Tidegate.Domain.Common;
using Tidegate.Domain.Venue;
using Tidegate.Server.Data;
using Tidegate.Server.Features.Audit;
using Tidegate.Server.Infrastructure;

namespace Tidegate.Server.Features.Venue;

/// <summary>
/// PUT /api/v1/admin/prices {weekday: {adult, child, infant, toddler}, weekendOrHoliday: {…}} (admin,
/// operator): ticket prices in whole yen; a price left out keeps its amount. Bookings already made
/// keep what they paid. Every instance prices with the new list once it sees venue.revision move.
/// </summary>
public sealed class ChangePrices(VenueStore venues, AuditLog audit)
{
    public sealed record Amounts(int? Adult, int? Child, int? Infant, int? Toddler)
    {
        public int? Of(TicketType type) => type switch
        {
            TicketType.Adult => Adult,
            TicketType.Child => Child,
            TicketType.Infant => Infant,
            _ => Toddler,
        };

        public static Amounts From(PriceList prices, DayKind kind) => new(
            prices.Prices.GetValueOrDefault((TicketType.Adult, kind)), prices.Prices.GetValueOrDefault((TicketType.Child, kind)),
            prices.Prices.GetValueOrDefault((TicketType.Infant, kind)), prices.Prices.GetValueOrDefault((TicketType.Toddler, kind)));
    }

    public sealed record Request(Amounts? Weekday, Amounts? WeekendOrHoliday);

    public sealed record Response(Amounts Weekday, Amounts WeekendOrHoliday)
    {
        public static Response Of(PriceList prices) =>
            new(Amounts.From(prices, DayKind.Weekday), Amounts.From(prices, DayKind.WeekendOrHoliday));
    }

    public static async Task<IResult> Handle(Body<Request> body, ClaimsPrincipal user, ChangePrices useCase, CancellationToken ct)
    {
        var result = await useCase.ExecuteAsync(body.Value, user, ct);
        return result.IsOk ? TypedResults.Ok(result.Value) : Problems.From(result.Error);
    }

    public async Task<Result<Response>> ExecuteAsync(Request request, ClaimsPrincipal user, CancellationToken ct)
    {
        var given = Enum.GetValues<TicketType>().SelectMany(type => new[]
        {
            (type, DayKind.Weekday, request.Weekday?.Of(type)),
            (type, DayKind.WeekendOrHoliday, request.WeekendOrHoliday?.Of(type)),
        });
        var checkedPrices = VenueEdits.Prices(given);
        if (!checkedPrices.IsOk) return checkedPrices.Error;
        var changed = checkedPrices.Value;
        await venues.ChangeAsync(async (connection, tx) =>
        {
            var before = (await connection.QueryAsync<(string Type, string Kind, long Amount)>(CalendarSql.Prices, transaction: tx))
                .ToDictionary(p => (p.Type, p.Kind), p => p.Amount);
            var rows = changed.Select(p => new
            {
                TicketType = p.Key.Item1.ToString().ToLowerInvariant(), DayKind = p.Key.Item2.ToString().ToLowerInvariant(), Amount = p.Value,
            }).ToList();
            await connection.ExecuteAsync(CalendarSql.UpsertPrice, rows, tx);
            var detail = string.Join(", ", rows
                .Where(r => before.GetValueOrDefault((r.TicketType, r.DayKind), -1) != r.Amount)
                .Select(r => $"{VenueEdits.FieldOf(Enum.Parse<TicketType>(r.TicketType, true), Enum.Parse<DayKind>(r.DayKind, true))} "
                             + $"{(before.TryGetValue((r.TicketType, r.DayKind), out var old) ? old : null)}->{r.Amount}"));
            await audit.AppendAsync(connection, tx, AuditEvent.By(user, "prices.changed", "prices", detail.Length == 0 ? "unchanged" : detail));
        }, ct);
        return Response.Of((await venues.GetAsync(ct)).Prices);
    }
}
