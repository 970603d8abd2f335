namespace Tidegate.Server.Features.Payments.Sandbox;

/// <summary>
/// The sandbox provider's own books (tables sandbox_*), apart from Tidegate's payment records as a
/// real provider's would be. Every change is a conditional statement, so any instance may serve any call.
/// </summary>
public static class SandboxSql
{
    public const string Create = """
        INSERT INTO sandbox_payments (id, idempotency_key, amount, currency, return_url, checkout_url, status, refunded, created_at)
        VALUES (@Id, @IdempotencyKey, @Amount, @Currency, @ReturnUrl, @CheckoutUrl, 'pending', 0, @CreatedAt)
        ON CONFLICT (idempotency_key) DO NOTHING
        """;

    public const string ById = "SELECT * FROM sandbox_payments WHERE id = @Id";

    public const string ByKey = "SELECT * FROM sandbox_payments WHERE idempotency_key = @IdempotencyKey";

    /// <summary>A decline leaves the payment open (another card may pay it); nothing changes a success.</summary>
    public const string Decide = """
        UPDATE sandbox_payments SET status = CASE WHEN @Reason IS NULL THEN 'succeeded' ELSE status END, failure_code = @Reason
        WHERE id = @Id AND status <> 'succeeded'
        """;

    /// <summary>Takes the payment's row lock (PostgreSQL; SQLite's write lock is already held), so refunds of one payment queue.</summary>
    public const string LockPayment = "UPDATE sandbox_payments SET refunded = refunded WHERE id = @PaymentId";

    public const string RefundByKey = """
        SELECT id AS reference, status, amount FROM sandbox_refunds WHERE payment_id = @PaymentId AND idempotency_key = @IdempotencyKey
        """;

    public const string TakeRefund = """
        UPDATE sandbox_payments SET refunded = refunded + @Amount
        WHERE id = @PaymentId AND status = 'succeeded' AND refunded + @Amount <= amount
        """;

    public const string InsertRefund = """
        INSERT INTO sandbox_refunds (payment_id, idempotency_key, id, amount, status, created_at)
        VALUES (@PaymentId, @IdempotencyKey, @Id, @Amount, 'succeeded', @CreatedAt)
        """;

    public const string HoldEvent = """
        INSERT INTO sandbox_held_events (id, payment_id, type, body, created_at) VALUES (@Id, @PaymentId, @Type, @Body, @CreatedAt)
        """;

    public const string ReleaseEvents = "DELETE FROM sandbox_held_events WHERE payment_id = @PaymentId RETURNING id, type, body, created_at";

    public const string Ledger = "SELECT id, status, amount, refunded FROM sandbox_payments ORDER BY created_at, id";
}
