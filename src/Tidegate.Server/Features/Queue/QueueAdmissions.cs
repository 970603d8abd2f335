using System.Data.Common;
using Dapper;

namespace Tidegate.Server.Features.Queue;

/// <summary>
/// Spending a waiting-room admission, as a step inside the caller's write transaction (the hold
/// batch): Queue owns the admissions table, Booking calls these and never its SQL.
/// </summary>
public static class QueueAdmissions
{
    /// <summary>Spends the admission with the booking it admits; false when it was already used.</summary>
    public static async Task<bool> UseAsync(DbConnection connection, DbTransaction tx, QueueAdmission admission, DateOnly visitDate,
        string bookingId, long now) =>
        await connection.ExecuteAsync(QueueSql.UseAdmission,
            new { admission.EntryId, VisitDate = visitDate, admission.Position, BookingId = bookingId, Now = now }, tx) != 0;

    /// <summary>Gives the admission back when the hold it was spent on did not happen in this transaction.</summary>
    public static Task UnuseAsync(DbConnection connection, DbTransaction tx, QueueAdmission admission) =>
        connection.ExecuteAsync(QueueSql.UnuseAdmission, new { admission.EntryId }, tx);

    /// <summary>
    /// A visitor let their unpaid hold go (to change the party): the admission it spent may admit
    /// one booking again, until it expires as it would have, so changing one's mind in the rush
    /// does not send the visitor to the back of the line.
    /// </summary>
    public static Task ReturnAsync(DbConnection connection, DbTransaction tx, DateOnly visitDate, string bookingId) =>
        connection.ExecuteAsync(QueueSql.ReturnAdmission, new { VisitDate = visitDate, BookingId = bookingId }, tx);
}
