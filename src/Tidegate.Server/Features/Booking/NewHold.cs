using Tidegate.Domain.Booking;

namespace Tidegate.Server.Features.Booking;

/// <summary>A hold about to be written: the rule's terms plus who holds it.</summary>
public sealed record NewHold(
    string Id, HoldTerms Terms, string PersonKey, string? MemberId, string? EmailEnc, string? NameEnc, string Channel,
    IdempotencyRecord? Idempotency, Queue.QueueAdmission? Admission = null, string? Language = null, string? TermsVersion = null);

/// <summary>The response stored with an idempotency key, written in the same transaction as what it answers.</summary>
public sealed record IdempotencyRecord(string Scope, string Key, string RequestHash, int StatusCode, string ResponseBody);

/// <summary>AdmissionUsed: the waiting-room admission was already spent on another booking.</summary>
public enum HoldOutcome { Held, SoldOut, LimitExceeded, DuplicateKey, AdmissionUsed }

public readonly record struct HoldResult(HoldOutcome Outcome, int Remaining);
