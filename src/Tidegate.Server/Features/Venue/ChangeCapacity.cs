using System.Security.Claims;
using Dapper;
using Tidegate.Domain.Common;
using Tidegate.Domain.Venue;
using Tidegate.Server.Data;
using Tidegate.Server.Features.Audit;
using Tidegate.Server.Infrastructure;

namespace Tidegate.Server.Features.Venue;

/// <summary>
/// PUT /api/v1/admin/capacity {date, start | null, capacity} (admin, operator): the capacity of one
/// slot, or of every slot of the date (start null; later slot rows of the date start with it too).
/// One conditional UPDATE per change whose WHERE carries "capacity ≥ sold or held", so a concurrent
/// booking either lands before it (and may make it refuse) or is refused after it: never sold &gt;
/// capacity (docs/concurrency.md). Below what a slot holds: 409 capacity_below_sold with <c>sold</c>.
/// </summary>
public sealed class ChangeCapacity(Db db, VenueStore venues, AuditLog audit, SlotSignals signals)
{
    public const int MaxCapacity = 100_000;

    public sealed record Request(string? Date, string? Start, int? Capacity);

    public sealed record Response(string Date, string? Start, int Capacity, int Online, int BoxOffice);

    public static async Task<IResult> Handle(Body<Request> body, ClaimsPrincipal user, ChangeCapacity useCase, CancellationToken ct)
    {
        var request = body.Value;
        if (!IsoDate.TryParse(request.Date, out var date)) return Problems.Invalid("date", "'date' must be a calendar date as yyyy-MM-dd.");
        if (!ChangeCalendarDay.TryTime(request.Start, out var start)) return Problems.Invalid("start", "'start' must be a slot start as HH:mm, or null for the whole day.");
        if (request.Capacity is not (>= 0 and <= MaxCapacity) || request.Capacity is not { } capacity)
            return Problems.Invalid("capacity", $"'capacity' must be a whole number of persons from 0 to {MaxCapacity}.");
        var result = await useCase.ExecuteAsync(date, start, capacity, user, ct);
        return result.IsOk ? TypedResults.Ok(result.Value) : Problems.From(result.Error);
    }

    public async Task<Result<Response>> ExecuteAsync(DateOnly date, TimeOnly? start, int capacity, ClaimsPrincipal user, CancellationToken ct)
    {
        IReadOnlyList<int> starts = [];
        var result = await venues.ChangeAsync<Result<Response>>(async (connection, tx) =>
        {
            var (venue, current) = await ChangeCalendarDay.ReadAsync(connection, tx, date);
            var plan = DayPlan.For(date, venue, current);
            var grid = DayChange.Minutes(plan, venue);
            var split = CapacitySplit.Of(capacity, venue.BoxOfficePercent);
            if (start is { } one)
            {
                var minute = one.Hour * 60 + one.Minute;
                if (!grid.Contains(minute))
                    throw new UndoWrite<Result<Response>>(new Error(ErrorCodes.InvalidSlot, $"{one:HH\\:mm} is not a slot of {IsoDate.Text(date)}."));
                starts = [minute];
                await ChangeCalendarDay.EnsureSlotsAsync(connection, tx, date, grid, CapacitySplit.Of(plan.SlotCapacity, venue.BoxOfficePercent));
            }
            else
            {
                starts = grid;
                await connection.ExecuteAsync(CalendarSql.UpsertCapacity, new { Date = date, Capacity = capacity }, tx);
                await ChangeCalendarDay.EnsureSlotsAsync(connection, tx, date, grid, split);
            }
            var args = new { Date = date, Starts = starts.ToArray(), Capacity = capacity, split.Online };
            if (starts.Count > 0 && await connection.ExecuteAsync(CalendarSql.SetCapacity(db.Engine), args, tx) < starts.Count)
            {
                var sold = await connection.ExecuteScalarAsync<long>(CalendarSql.MostSold(db.Engine), args, tx);
                throw new UndoWrite<Result<Response>>(new Error(ErrorCodes.CapacityBelowSold,
                    $"{sold} places are already sold or held in {(start is null ? "a slot of this date" : "this slot")}; the capacity cannot go below that.")
                    .With("sold", sold));
            }
            var slot = start?.ToString("HH:mm");
            await audit.AppendAsync(connection, tx, AuditEvent.By(user, "capacity.changed",
                slot is null ? IsoDate.Text(date) : $"{IsoDate.Text(date)} {slot}", $"capacity {capacity}"));
            return new Response(IsoDate.Text(date), slot, capacity, split.Online, split.BoxOffice);
        }, ct);
        if (result.IsOk)
        {
            foreach (var minute in starts) signals.Released(date, minute); // more places may be for sale now
            signals.Reshaped(date);
        }
        return result;
    }
}
