namespace Tidegate.Server.Features.Gates;

/// <summary>The SQL of admissions; portable between SQLite and PostgreSQL.</summary>
public static class GateSql
{
    public const string Ticket = """
        SELECT id, visit_date, start_minute, status, persons, ticket_serial, admitted_persons, first_admitted_at, first_gate_id
        FROM bookings WHERE id = @Id
        """;

    /// <summary>
    /// The one statement that admits persons: the WHERE carries the rule (paid, this issue of the
    /// ticket, enough persons left), exactly like claiming capacity, so two lanes can never admit
    /// more than the party. The first use keeps the earliest scan, whichever lane uploads first.
    /// </summary>
    public const string Admit = """
        UPDATE bookings SET admitted_persons = admitted_persons + @Persons,
            first_admitted_at = CASE WHEN first_admitted_at IS NULL OR first_admitted_at > @At THEN @At ELSE first_admitted_at END,
            first_gate_id = CASE WHEN first_admitted_at IS NULL OR first_admitted_at > @At THEN @GateId ELSE first_gate_id END
        WHERE id = @Id AND status = 'confirmed' AND ticket_serial = @Serial AND admitted_persons + @Persons <= persons
        RETURNING admitted_persons
        """;

    public const string ScansOfBooking = """
        SELECT scanned_at, gate_id, result, reason, admitted, offline FROM gate_scans
        WHERE booking_id = @BookingId ORDER BY scanned_at, received_at LIMIT 200
        """;

    public const string FindScan = "SELECT response FROM gate_scans WHERE nonce = @Nonce";

    /// <summary>Claims the scan's nonce first; 0 rows means it was seen before (its stored answer stands).</summary>
    public const string ClaimNonce = """
        INSERT INTO gate_scans (nonce, gate_id, booking_id, visit_date, result, reason, admitted, scanned_at, received_at, offline, response)
        VALUES (@Nonce, @GateId, NULL, @VisitDate, 'pending', NULL, 0, @ScannedAt, @ReceivedAt, @Offline, '')
        ON CONFLICT (nonce) DO NOTHING
        """;

    public const string RecordScan = """
        UPDATE gate_scans SET booking_id = @BookingId, result = @Result, reason = @Reason, admitted = @Admitted, response = @Response
        WHERE nonce = @Nonce
        """;

    public const string InsertConflict = """
        INSERT INTO gate_conflicts (id, booking_id, visit_date, nonce, gate_id, scanned_at, reason, persons, first_gate_id, first_used_at, detected_at)
        VALUES (@Id, @BookingId, @VisitDate, @Nonce, @GateId, @ScannedAt, @Reason, @Persons, @FirstGateId, @FirstUsedAt, @DetectedAt)
        """;

    public const string InsertExit = """
        INSERT INTO gate_exits (id, gate_id, visit_date, persons, at) VALUES (@Id, @GateId, @VisitDate, @Persons, @At)
        ON CONFLICT (id) DO NOTHING
        """;
}

/// <summary>A booking as the gate reads it.</summary>
public sealed class GateTicketRow
{
    public string Id { get; set; } = "";
    public DateOnly VisitDate { get; set; }
    public long StartMinute { get; set; }
    public string Status { get; set; } = "";
    public long Persons { get; set; }
    public long TicketSerial { get; set; }
    public long AdmittedPersons { get; set; }
    public DateTimeOffset? FirstAdmittedAt { get; set; }
    public string? FirstGateId { get; set; }
}
