using System.Data.Common;
using System.Globalization;
using System.Security.Claims;
using Dapper;
using Tidegate.Domain.Common;
using Tidegate.Domain.Venue;
using Tidegate.Server.Data;
using Tidegate.Server.Features.Audit;
using Tidegate.Server.Infrastructure;

namespace Tidegate.Server.Features.Venue;

/// <summary>
/// PUT /api/v1/admin/calendar/{date} {open, opensAt, closesAt} (admin, operator): a date's hours or
/// closure. Slots the change removes must hold no active booking (409 has_bookings with how many);
/// they are frozen at what they hold in the same transaction, so no claim lands in them afterwards.
/// </summary>
public sealed class ChangeCalendarDay(Db db, VenueStore venues, AuditLog audit, SlotSignals signals, TimeProvider clock)
{
    public sealed record Request(bool? Open, string? OpensAt, string? ClosesAt);

    public sealed record Response(string Date, bool Open, string? OpensAt, string? ClosesAt, int Slots);

    public static async Task<IResult> Handle(string date, Body<Request> body, ClaimsPrincipal user, ChangeCalendarDay useCase, CancellationToken ct)
    {
        if (!IsoDate.TryParse(date, out var day)) return Problems.Invalid("date", "The date must be a calendar date as yyyy-MM-dd.");
        var read = await body.ReadAsync();
        if (!read.IsOk) return Problems.From(read.Error);
        var request = read.Value;
        if (request.Open is not { } open) return Problems.Invalid("open", "'open' must be true or false.");
        if (!TryTime(request.OpensAt, out var opens)) return Problems.Invalid("opensAt", "'opensAt' must be a time as HH:mm.");
        if (!TryTime(request.ClosesAt, out var closes)) return Problems.Invalid("closesAt", "'closesAt' must be a time as HH:mm.");
        var result = await useCase.ExecuteAsync(day, open, opens, closes, user, ct);
        return result.IsOk ? TypedResults.Ok(result.Value) : Problems.From(result.Error);
    }

    internal static bool TryTime(string? text, out TimeOnly? time)
    {
        time = null;
        if (text is null) return true;
        if (!TimeOnly.TryParseExact(text, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed)) return false;
        time = parsed;
        return true;
    }

    public async Task<Result<Response>> ExecuteAsync(DateOnly date, bool open, TimeOnly? opens, TimeOnly? closes, ClaimsPrincipal user,
        CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        IReadOnlyList<int> added = [];
        var result = await venues.ChangeAsync<Result<Response>>(async (connection, tx) =>
        {
            var (venue, current) = await ReadAsync(connection, tx, date);
            var checkedChange = DayChange.Check(date, open, opens, closes, venue, current);
            if (!checkedChange.IsOk) throw new UndoWrite<Result<Response>>(checkedChange.Error);
            var change = checkedChange.Value;
            var args = new { Date = date, Grid = change.Grid.ToArray(), Now = now };
            await connection.ExecuteAsync(CalendarSql.FreezeOffGrid(db.Engine), args, tx);
            var (active, persons) = await connection.QuerySingleAsync<(long Bookings, long Persons)>(CalendarSql.ActiveOffGrid(db.Engine), args, tx);
            if (active > 0)
                throw new UndoWrite<Result<Response>>(new Error(ErrorCodes.HasBookings,
                    $"{active} active bookings ({persons} persons) are in the slots this change would remove; move or cancel them first.")
                    .With("bookings", active).With("persons", persons));
            var o = change.Override;
            await connection.ExecuteAsync(CalendarSql.UpsertHours, new
            {
                Date = date, Closed = o.Closed ? 1 : 0, Opens = o.Opens?.ToString("HH:mm"), Closes = o.Closes?.ToString("HH:mm"),
            }, tx);
            await EnsureSlotsAsync(connection, tx, date, change.Grid, CapacitySplit.Of(change.Plan.SlotCapacity, venue.BoxOfficePercent));
            if (change.Added.Count > 0) // a slot coming back after a freeze gets the day's capacity again
                await connection.ExecuteAsync(CalendarSql.SetCapacity(db.Engine), new
                {
                    Date = date, Starts = change.Added.ToArray(), Capacity = change.Plan.SlotCapacity,
                    CapacitySplit.Of(change.Plan.SlotCapacity, venue.BoxOfficePercent).Online,
                }, tx);
            added = change.Added;
            var response = new Response(IsoDate.Text(date), open, o.Opens?.ToString("HH:mm"), o.Closes?.ToString("HH:mm"), change.Grid.Count);
            await audit.AppendAsync(connection, tx, AuditEvent.By(user, "calendar.changed", IsoDate.Text(date),
                open ? $"open {response.OpensAt}-{response.ClosesAt}" : "closed"));
            return response;
        }, ct);
        foreach (var minute in added) signals.Released(date, minute); // forget "full" for slots that came back
        if (result.IsOk) signals.Reshaped(date);
        return result;
    }

    internal static async Task<(VenueSettings Venue, DayOverride? Current)> ReadAsync(DbConnection connection, DbTransaction tx, DateOnly date)
    {
        var venue = (await connection.QuerySingleAsync<VenueRow>(CalendarSql.Venue, transaction: tx)).ToSettings();
        var current = await connection.QuerySingleOrDefaultAsync<VenueStore.OverrideRow>(CalendarSql.Override, new { Date = date }, tx);
        return (venue, current?.ToOverride());
    }

    /// <summary>The date's slot rows, inserted where missing (another instance may have inserted them already).</summary>
    internal static Task EnsureSlotsAsync(DbConnection connection, DbTransaction tx, DateOnly date, IReadOnlyList<int> grid, CapacitySplit split) =>
        connection.ExecuteAsync(CalendarSql.InsertSlot,
            grid.Select(minute => new { Date = date, StartMinute = minute, Capacity = split.Total, split.Online }), tx);
}
