using System.Data.Common;
using Dapper;
using Tidegate.Server.Data;

namespace Tidegate.Server.Features.Payments;

/// <summary>A payment as stored: the provider's reference, amount, status and times; nothing else.</summary>
public sealed class PaymentRow
{
    public string Id { get; set; } = "";
    public string BookingId { get; set; } = "";
    public string Purpose { get; set; } = "";
    public string Provider { get; set; } = "";
    public string IdempotencyKey { get; set; } = "";
    public string? ProviderRef { get; set; }
    public string? CheckoutUrl { get; set; }
    public long Amount { get; set; }
    public string Currency { get; set; } = "JPY";
    public string Status { get; set; } = "";
    public string? FailureCode { get; set; }
    public DateOnly? MoveDate { get; set; }
    public long? MoveStartMinute { get; set; }
    public long? MoveAmount { get; set; }
    public long? MoveSerial { get; set; }
    public long CreatedAt { get; set; }
    public long UpdatedAt { get; set; }
    public long? SettledAt { get; set; }
    public long? CheckedAt { get; set; }

    public static async Task<PaymentRow?> ByKeyAsync(Db db, string key, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<PaymentRow>("SELECT * FROM payments WHERE idempotency_key = @key", new { key });
    }

    public static async Task<PaymentRow?> ByReferenceAsync(Db db, string provider, string reference, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<PaymentRow>(
            "SELECT * FROM payments WHERE provider_ref = @reference AND provider = @provider", new { reference, provider });
    }

    /// <summary>Creates the record before the provider is called, so a crash in between leaves a trace to retry with the same key.</summary>
    public static Task<PaymentRow> EnsureAsync(Db db, PaymentRow row, CancellationToken ct) =>
        db.WriteAsync(async (connection, tx) =>
        {
            await connection.ExecuteAsync(PaymentSql.Insert, row, tx);
            return await connection.QuerySingleAsync<PaymentRow>("SELECT * FROM payments WHERE idempotency_key = @IdempotencyKey", row, tx);
        }, ct);

    public static Task SetReferenceAsync(Db db, string id, ProviderPayment created, long now, CancellationToken ct) =>
        db.WriteAsync((connection, tx) => connection.ExecuteAsync(
            "UPDATE payments SET provider_ref = @Reference, checkout_url = @CheckoutUrl, updated_at = @now WHERE id = @id AND provider_ref IS NULL",
            new { id, created.Reference, created.CheckoutUrl, now }, tx), ct);

    public static Task<IEnumerable<PaymentRow>> OfBookingAsync(DbConnection connection, DbTransaction? tx, string bookingId) =>
        connection.QueryAsync<PaymentRow>("SELECT * FROM payments WHERE booking_id = @bookingId ORDER BY created_at, id", new { bookingId }, tx);

    /// <summary>pending/abandoned → succeeded, once, inside the caller's transaction; false when it already was (a repeat).</summary>
    public static async Task<bool> MarkSucceededAsync(DbConnection connection, DbTransaction tx, string id, long now) =>
        await connection.QuerySingleOrDefaultAsync<string>(PaymentSql.MarkSucceeded, new { Id = id, Now = now }, tx) is not null;
}
