using System.Data.Common;
using Dapper;
using Tidegate.Domain.Common;
using Tidegate.Server.Data;
using Tidegate.Server.Features.Site.Legal;

namespace Tidegate.Server.Features.Booking;

/// <summary>
/// The visitor's agreement to the terms and cancellation policy (SPEC §12): which version, when.
/// The booking form always sends it (its checkbox is required); an API client may. A version other
/// than the one published is refused, so a booking never records terms nobody was shown.
/// </summary>
public sealed class BookingConsent(Db db, LegalOptions legal)
{
    public string CurrentVersion => legal.TermsVersion;

    public Error? Check(string? acceptedTerms) =>
        acceptedTerms is null || acceptedTerms == legal.TermsVersion ? null
            : new Error(ErrorCodes.InvalidRequest, $"'acceptedTerms' is the version of the terms agreed to: the current one is \"{legal.TermsVersion}\".")
                .With("field", "acceptedTerms");

    /// <summary>Written by the hold's own transaction (HoldBatch): a booking never exists without the consent it was given with.</summary>
    internal static Task RecordAsync(DbConnection connection, DbTransaction tx, string bookingId, string version, long at) =>
        connection.ExecuteAsync(
            "INSERT INTO booking_consents (booking_id, terms_version, accepted_at) VALUES (@BookingId, @Version, @At) ON CONFLICT (booking_id) DO NOTHING",
            new { BookingId = bookingId, Version = version, At = at }, tx);

    public async Task<(string Version, DateTimeOffset At)?> FindAsync(string bookingId, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<(string Version, long At)?>(
            "SELECT terms_version, accepted_at FROM booking_consents WHERE booking_id = @bookingId", new { bookingId });
        return row is { } r ? (r.Version, DateTimeOffset.FromUnixTimeMilliseconds(r.At)) : null;
    }
}
