using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Tidegate.Server.Features.Booking;

namespace Tidegate.Server.Tests.Support;

/// <summary>
/// Confirms a held booking the way a payment will (issue 3's BookingConfirmation): the status
/// compare-and-set held → confirmed and every registered IConfirmationStep, in one transaction.
/// The one place to swap for the real payment path once it exists.
/// </summary>
public static class Confirmations
{
    public static async Task ConfirmAsync(TestApp app, string bookingId)
    {
        await using var connection = await app.Db.OpenAsync();
        await using var tx = await app.Db.BeginWriteAsync(connection);
        var row = await connection.QuerySingleOrDefaultAsync<BookingRow>(
            "UPDATE bookings SET status = 'confirmed', confirmed_at = @Now WHERE id = @Id AND status = 'held' RETURNING *",
            new { Id = bookingId, Now = app.Clock.GetUtcNow().ToUnixTimeMilliseconds() }, tx)
            ?? throw new InvalidOperationException($"Booking {bookingId} is not held.");
        foreach (var step in app.Services.GetServices<IConfirmationStep>())
            await step.OnConfirmedAsync(connection, tx, row, CancellationToken.None);
        await tx.CommitAsync();
    }
}
