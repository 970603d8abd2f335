using Dapper;
using Tidegate.Domain.Common;
using Tidegate.Domain.Venue;
using Tidegate.Server.Data;
using Tidegate.Server.Infrastructure;

namespace Tidegate.Server.Features.Audit;

/// <summary>The venue's zone, for reading dates and showing instants; Venue implements it (Audit uses no feature).</summary>
public interface IVenueZone
{
    Task<VenueTime> GetAsync(CancellationToken ct);
}

/// <summary>
/// GET /api/v1/admin/audit?from=…&amp;to=…&amp;actor=…&amp;action=…&amp;before=… (admin): the newest entries
/// first, a page at a time. <c>from</c> and <c>to</c> are dates (venue days, both included) or ISO 8601
/// instants; <c>before</c> is the <c>older</c> of the previous page (a seq: keyset paging, so entries
/// appended meanwhile never shift a page).
/// </summary>
public sealed class GetAuditLog(Db db, IVenueZone zone)
{
    public const int Limit = 500;

    public sealed record Query(string? From = null, string? To = null, string? Actor = null, string? Action = null, long? Before = null,
        int PageSize = Limit);

    public sealed record Item(long Seq, DateTimeOffset At, string Actor, string Role, string Action, string Target, string Detail);

    /// <summary>One page; <see cref="Older"/> is the <c>before</c> of the next (older) page, null on the last.</summary>
    public sealed record Page(IReadOnlyList<Item> Items, long? Older);

    public static async Task<IResult> Handle(string? from, string? to, string? actor, string? action, long? before, GetAuditLog useCase,
        CancellationToken ct)
    {
        var result = await useCase.ExecuteAsync(new Query(from, to, actor, action, before), ct);
        return result.IsOk ? TypedResults.Ok(new { items = result.Value.Items, older = result.Value.Older }) : Problems.From(result.Error);
    }

    public async Task<Result<Page>> ExecuteAsync(Query query, CancellationToken ct)
    {
        var time = await zone.GetAsync(ct);
        if (!TryBound(query.From, time, endOfDay: false, out var start)) return Invalid("from");
        if (!TryBound(query.To, time, endOfDay: true, out var end)) return Invalid("to");
        var size = Math.Clamp(query.PageSize, 1, Limit);
        await using var connection = await db.OpenAsync(ct);
        var (who, what) = (Blank(query.Actor), Blank(query.Action));
        var rows = (await connection.QueryAsync<Item>(
            AuditSql.Find(start is not null, end is not null, who is not null, what is not null, query.Before is not null), new
            {
                From = start ?? default, To = end ?? default, Actor = who, Action = what, query.Before, Limit = size + 1,
            })).ToList();
        var items = rows.Take(size).Select(r => r with { At = time.Local(r.At) }).ToList();
        return new Page(items, rows.Count > size ? items[^1].Seq : null);
    }

    /// <summary>The actors and actions that occur in the log, for the console's filters.</summary>
    public async Task<(IReadOnlyList<string> Actors, IReadOnlyList<string> Actions)> FiltersAsync(CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var actors = (await connection.QueryAsync<string>(AuditSql.Actors)).ToList();
        var actions = (await connection.QueryAsync<string>(AuditSql.Actions)).ToList();
        return (actors, actions);
    }

    private static Error Invalid(string field) =>
        new Error(ErrorCodes.InvalidRequest, $"'{field}' must be a date (yyyy-MM-dd) or an ISO 8601 instant.").With("field", field);

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    /// <summary>A date is the start of that venue day (or, for <c>to</c>, of the next one: the day is included).</summary>
    private static bool TryBound(string? text, VenueTime time, bool endOfDay, out DateTimeOffset? bound)
    {
        bound = null;
        if (string.IsNullOrEmpty(text)) return true;
        if (IsoDate.TryParse(text, out var date))
        {
            bound = time.At(endOfDay ? date.AddDays(1) : date, TimeOnly.MinValue);
            return true;
        }
        if (DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var instant)
            && text.Contains('T'))
        {
            bound = instant;
            return true;
        }
        return false;
    }
}
