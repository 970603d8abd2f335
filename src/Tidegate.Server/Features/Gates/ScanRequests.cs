using System.Text.RegularExpressions;
using Tidegate.Domain.Common;
using Tidegate.Server.Features.Booking;

namespace Tidegate.Server.Features.Gates;

/// <summary>
/// A scan. <c>scannedAt</c> is set by offline devices uploading later; they also say what they did
/// locally (<c>offlineResult</c> "admitted" or "rejected", <c>offlineReason</c>, and in <c>admit</c>
/// how many they let in), so the server can record refusals without counting them and flag tickets
/// that two lanes admitted.
/// </summary>
public sealed record ScanRequest(
    string? Code, string? GateId, int? Admit, string? Nonce, DateTimeOffset? ScannedAt, string? OfflineResult = null, string? OfflineReason = null);

/// <summary>The decision on a scan (API.md). <c>admitted</c> is the persons this scan let in; <c>admittedTotal</c> all so far.</summary>
public sealed record ScanResponse(
    string Result, string? Reason, int Persons, int Admitted, int Remaining, SlotTimes? Slot, DateTimeOffset? FirstUsedAt,
    string? FirstGateId, DateTimeOffset? ValidFrom, int AdmittedTotal, bool Offline, bool Conflict);

public sealed record ExitRequest(string? GateId, int? Count, string? Nonce);

public static partial class GateInput
{
    public const int MaxCodeLength = 1024;
    public const int MaxNonceLength = 100;

    [GeneratedRegex("^[A-Za-z0-9._:-]{1,64}$")]
    private static partial Regex GateIdPattern();

    [GeneratedRegex("^[\\x21-\\x7E]{1,100}$")]
    private static partial Regex NoncePattern();

    public static Error? Check(ScanRequest r, int maxPartySize)
    {
        if (string.IsNullOrEmpty(r.Code) || r.Code.Length > MaxCodeLength) return Invalid("code", $"'code' is the scanned text, 1 to {MaxCodeLength} characters.");
        if (GateIdError(r.GateId) is { } gateError) return gateError;
        if (r.Nonce is null || !NoncePattern().IsMatch(r.Nonce)) return Invalid("nonce", "'nonce' is required: 1 to 100 printable ASCII characters, unique per scan.");
        if (r.Admit is { } admit && (admit < 1 || admit > maxPartySize)) return Invalid("admit", $"'admit' is 1 to {maxPartySize} persons, or null for the rest of the party.");
        if (r.OfflineResult is not (null or "admitted" or "rejected")) return Invalid("offlineResult", "'offlineResult' is 'admitted' or 'rejected'.");
        if (r.OfflineResult is not null && r.ScannedAt is null) return Invalid("scannedAt", "An offline upload needs 'scannedAt'.");
        if (r.OfflineReason is { Length: > 32 }) return Invalid("offlineReason", "'offlineReason' is a reason code.");
        return null;
    }

    public static Error? Check(ExitRequest r)
    {
        if (GateIdError(r.GateId) is { } gateError) return gateError;
        if (r.Count is not (>= 1 and <= 1000)) return Invalid("count", "'count' is 1 to 1000 persons.");
        if (r.Nonce is not null && !NoncePattern().IsMatch(r.Nonce)) return Invalid("nonce", "'nonce' is 1 to 100 printable ASCII characters.");
        return null;
    }

    private static Error? GateIdError(string? gateId) =>
        gateId is null || !GateIdPattern().IsMatch(gateId) ? Invalid("gateId", "'gateId' is 1 to 64 letters, digits or . _ : -") : null;

    private static Error Invalid(string field, string detail) => new Error(ErrorCodes.InvalidRequest, detail).With("field", field);
}
