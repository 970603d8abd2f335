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
/// GET /api/v1/admin/audit?from=…&amp;to=…&amp;actor=…&amp;action=… (admin): the newest entries first.
/// <c>from</c> and <c>to</c> are dates (venue days, both included) or ISO 8601 instants.
/// </summary>
public sealed class GetAuditLog(Db db, IVenueZone zone)
{
    public const int Limit = 500;

    public sealed record Item(long Seq, DateTimeOffset At, string Actor, string Role, string Action, string Target);

    public static Task<IResult> Handle(string? from, string? to, string? actor, string? action, GetAuditLog useCase, CancellationToken ct) =>
        useCase.ExecuteAsync(from, to, actor, action, ct);

    public async Task<IResult> ExecuteAsync(string? from, string? to, string? actor, string? action, CancellationToken ct)
    {
        var time = await zone.GetAsync(ct);
        if (!TryBound(from, time, endOfDay: false, out var start)) return Problems.Invalid("from", "'from' must be a date (yyyy-MM-dd) or an ISO 8601 instant.");
        if (!TryBound(to, time, endOfDay: true, out var end)) return Problems.Invalid("to", "'to' must be a date (yyyy-MM-dd) or an ISO 8601 instant.");
        await using var connection = await db.OpenAsync(ct);
        var (who, what) = (Blank(actor), Blank(action));
        var rows = await connection.QueryAsync<Item>(AuditSql.Find(start is not null, end is not null, who is not null, what is not null), new
        {
            From = start ?? default, To = end ?? default, Actor = who, Action = what, Limit,
        });
        return TypedResults.Ok(new { items = rows.Select(r => r with { At = time.Local(r.At) }) });
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;

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
