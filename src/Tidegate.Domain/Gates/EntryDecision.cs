namespace Tidegate.Domain.Gates;

/// <summary>The contract's scan results and refusal reasons (API.md, Gate).</summary>
public static class ScanReasons
{
    public const string Admitted = "admitted";
    public const string Rejected = "rejected";

    public const string Invalid = "invalid";
    public const string Revoked = "revoked";
    public const string WrongDate = "wrong_date";
    public const string TooEarly = "too_early";
    public const string TooLate = "too_late";
    public const string AlreadyUsed = "already_used";
    public const string NotPaid = "not_paid";
}

/// <summary>What a gate does with one scan: admit <see cref="Admit"/> persons, or refuse with a reason.</summary>
public sealed record EntryDecision(
    string Result, string? Reason, int Admit, DateTimeOffset? ValidFrom = null, DateTimeOffset? FirstUsedAt = null, string? FirstGateId = null)
{
    public bool IsAdmitted => Result == ScanReasons.Admitted;

    public static EntryDecision Admitting(int persons) => new(ScanReasons.Admitted, null, persons);

    public static EntryDecision Refused(string reason) => new(ScanReasons.Rejected, reason, 0);
}

/// <summary>A booking as the gate sees it: state, party, progress, and its slot in instants.</summary>
public sealed record TicketState(
    string Status, int Serial, int Persons, int AdmittedPersons, DateTimeOffset? FirstUsedAt, string? FirstGateId,
    DateOnly Date, DateTimeOffset SlotStart, DateTimeOffset SlotEnd)
{
    public int Remaining => Math.Max(0, Persons - AdmittedPersons);
}
