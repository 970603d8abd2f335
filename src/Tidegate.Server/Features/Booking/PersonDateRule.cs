using System.Data.Common;
using Dapper;

namespace Tidegate.Server.Features.Booking;

/// <summary>
/// One active booking per person and date, inside the caller's transaction (a late confirmation,
/// a move to another date). New holds meet the same rule as the unique index behind
/// <see cref="BookingSql.InsertHoldUnlessActive"/>.
/// </summary>
public static class PersonDateRule
{
    /// <summary>True when the person already has another active booking on the date.</summary>
    public static async Task<bool> HasOtherActiveAsync(DbConnection connection, DbTransaction tx, DateOnly visitDate, string personKey,
        string bookingId, long now) =>
        await connection.ExecuteScalarAsync<long>(BookingSql.OtherActiveOfPerson,
            new { VisitDate = visitDate, PersonKey = personKey, Id = bookingId, Now = now }, tx) > 0;

    /// <summary>A lapsed hold of the person would still block the unique index: release it first (protocol: CAS, then give back).</summary>
    public static async Task ReleaseLapsedAsync(DbConnection connection, DbTransaction tx, DateOnly visitDate, string personKey, long now) =>
        await HoldStore.ReleaseAsync(connection, tx, await connection.QueryAsync<HoldStore.Released>(
            BookingSql.ExpireLapsedOfPerson, new { VisitDate = visitDate, PersonKey = personKey, Now = now }, tx));
}
