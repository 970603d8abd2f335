namespace Tidegate.Domain.Booking;

/// <summary>
/// SPEC: one active booking per person (the member, or the keyed hash of the email) and visit date.
/// The server holds it with the unique index on (visit_date, person_key) of held and confirmed rows,
/// and with <c>BookingSql.OtherActiveOfPerson</c> where a lapsed hold must not count.
/// </summary>
public static class OneBookingPerPersonAndDate
{
    /// <summary>Whether a booking keeps its person from another on its date: confirmed, or held and not yet lapsed.</summary>
    public static bool Blocks(string status, DateTimeOffset? expiresAt, DateTimeOffset now) =>
        status == BookingStatus.Confirmed || (status == BookingStatus.Held && expiresAt > now);

    /// <summary>A walk-in sale is a person of its own, so the rule never refuses a box office sale.</summary>
    public static string WalkInPersonKey(string bookingId) => "b:" + bookingId;
}
