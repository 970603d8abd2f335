using System.Security.Claims;
using Dapper;
using Tidegate.Domain.Common;
using Tidegate.Domain.Venue;
using Tidegate.Server.Data;
using Tidegate.Server.Features.Audit;
using Tidegate.Server.Infrastructure;

namespace Tidegate.Server.Features.Venue;

/// <summary>
/// PUT /api/v1/admin/holidays/{date} {name} and DELETE /api/v1/admin/holidays/{date} (admin, operator):
/// a holiday is priced as a weekend day. Bookings already made keep what they paid.
/// </summary>
public sealed class ChangeHoliday(VenueStore venues, AuditLog audit)
{
    public sealed record Request(string? Name);

    public sealed record Response(string Date, string Name);

    public static async Task<IResult> HandleSet(string date, Body<Request> body, ClaimsPrincipal user, ChangeHoliday useCase, CancellationToken ct)
    {
        if (CalendarDates.Parse(date) is not { } day) return Problems.Invalid("date", "The date must be a calendar date as yyyy-MM-dd.");
        var read = await body.ReadAsync(); // after the date: its 400 comes first
        if (!read.IsOk) return Problems.From(read.Error);
        var result = await useCase.SetAsync(day, read.Value.Name, user, ct);
        return result.IsOk ? TypedResults.Ok(result.Value) : Problems.From(result.Error);
    }

    public static async Task<IResult> HandleRemove(string date, ClaimsPrincipal user, ChangeHoliday useCase, CancellationToken ct)
    {
        if (CalendarDates.Parse(date) is not { } day) return Problems.Invalid("date", "The date must be a calendar date as yyyy-MM-dd.");
        var result = await useCase.RemoveAsync(day, user, ct);
        return result.IsOk ? TypedResults.NoContent() : Problems.From(result.Error);
    }

    public async Task<Result<Response>> SetAsync(DateOnly date, string? name, ClaimsPrincipal user, CancellationToken ct)
    {
        var checkedName = VenueEdits.HolidayName(name);
        if (!checkedName.IsOk) return checkedName.Error;
        var holiday = checkedName.Value;
        await venues.ChangeAsync(async (connection, tx) =>
        {
            await connection.ExecuteAsync(CalendarSql.UpsertHoliday, new { Date = date, Name = holiday }, tx);
            // The name is the venue's own text (a public holiday's name), never personal data.
            await audit.AppendAsync(connection, tx, AuditEvent.By(user, "holiday.set", IsoDate.Text(date), holiday));
        }, ct);
        return new Response(IsoDate.Text(date), holiday);
    }

    public Task<Result<bool>> RemoveAsync(DateOnly date, ClaimsPrincipal user, CancellationToken ct) =>
        venues.ChangeAsync<Result<bool>>(async (connection, tx) =>
        {
            var name = await connection.QuerySingleOrDefaultAsync<string>(CalendarSql.Holiday, new { Date = date }, tx);
            if (name is null)
                throw new UndoWrite<Result<bool>>(new Error(ErrorCodes.NotFound, $"{IsoDate.Text(date)} is not a holiday."));
            await connection.ExecuteAsync(CalendarSql.DeleteHoliday, new { Date = date }, tx);
            await audit.AppendAsync(connection, tx, AuditEvent.By(user, "holiday.removed", IsoDate.Text(date), name));
            return true;
        }, ct);
}
