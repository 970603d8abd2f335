using Dapper;
using Tidegate.Server.Data;
using Tidegate.Server.Features.Venue;
using Tidegate.Server.Infrastructure;

namespace Tidegate.Server.Features.Gates;

/// <summary>POST /api/v1/gate/exits {gateId, count, nonce?}: persons a turnstile counted leaving; 204. A repeated nonce counts once.</summary>
public static class RecordExit
{
    public static async Task<IResult> Handle(Body<ExitRequest> body, Db db, VenueStore venues, TimeProvider clock, CancellationToken ct)
    {
        if (GateInput.Check(body.Value) is { } error) return Problems.From(error);
        var calendar = await venues.GetAsync(ct);
        var now = clock.GetUtcNow();
        await db.WriteAsync((connection, tx) => connection.ExecuteAsync(GateSql.InsertExit, new
        {
            Id = body.Value.Nonce is { } nonce ? "n:" + nonce : Guid.CreateVersion7().ToString(), body.Value.GateId,
            VisitDate = calendar.Time.Today(now), Persons = body.Value.Count, At = now,
        }, tx), ct);
        return TypedResults.NoContent();
    }
}
