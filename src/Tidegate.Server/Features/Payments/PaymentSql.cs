namespace Tidegate.Server.Features.Payments;

/// <summary>The SQL of payments and refunds; portable between SQLite and PostgreSQL.</summary>
public static class PaymentSql
{
    public const string Insert = """
        INSERT INTO payments (id, booking_id, purpose, provider, idempotency_key, amount, currency, status,
                              move_date, move_start_minute, move_amount, move_serial, created_at, updated_at)
        VALUES (@Id, @BookingId, @Purpose, @Provider, @IdempotencyKey, @Amount, @Currency, 'pending',
                @MoveDate, @MoveStartMinute, @MoveAmount, @MoveSerial, @CreatedAt, @UpdatedAt)
        ON CONFLICT (idempotency_key) DO NOTHING
        """;

    /// <summary>The payment's own compare-and-set: of any number of signals, exactly one settles it.</summary>
    public const string MarkSucceeded = """
        UPDATE payments SET status = 'succeeded', settled_at = @Now, updated_at = @Now, failure_code = NULL
        WHERE id = @Id AND status IN ('pending', 'abandoned')
        RETURNING id
        """;

    public const string MarkOpen = """
        UPDATE payments SET status = @Status, failure_code = @FailureCode, checked_at = @Now, updated_at = @Now
        WHERE id = @Id AND status IN ('pending', 'abandoned')
        """;

    public const string InsertRefund = """
        INSERT INTO refunds (id, payment_id, booking_id, amount, reason, idempotency_key, status, created_at, updated_at)
        VALUES (@Id, @PaymentId, @BookingId, @Amount, @Reason, @IdempotencyKey, 'pending', @Now, @Now)
        ON CONFLICT (idempotency_key) DO NOTHING
        """;

    public const string PendingRefundsOfBooking = """
        SELECT r.id, r.amount, r.idempotency_key, p.provider_ref AS payment_ref
        FROM refunds r JOIN payments p ON p.id = r.payment_id
        WHERE r.booking_id = @BookingId AND r.status = 'pending'
        """;

    public const string PendingRefunds = """
        SELECT r.id, r.amount, r.idempotency_key, p.provider_ref AS payment_ref, r.booking_id
        FROM refunds r JOIN payments p ON p.id = r.payment_id
        WHERE r.status = 'pending' AND r.created_at <= @Before ORDER BY r.created_at LIMIT @Limit
        """;

    public const string RefundDone = """
        UPDATE refunds SET status = 'succeeded', provider_ref = @Reference, updated_at = @Now WHERE id = @Id AND status = 'pending'
        """;

    /// <summary>What is left to refund of each succeeded payment of a booking, newest first.</summary>
    public const string Refundable = """
        SELECT p.id, p.amount - COALESCE((SELECT SUM(r.amount) FROM refunds r WHERE r.payment_id = p.id), 0) AS remaining
        FROM payments p WHERE p.booking_id = @BookingId AND p.status = 'succeeded'
        ORDER BY p.created_at DESC, p.id DESC
        """;

    public const string PendingPayments = """
        SELECT * FROM payments
        WHERE status = 'pending' AND provider_ref IS NOT NULL AND created_at <= @Before
          AND (checked_at IS NULL OR checked_at <= @RecheckBefore)
        ORDER BY created_at LIMIT @Limit
        """;
}
