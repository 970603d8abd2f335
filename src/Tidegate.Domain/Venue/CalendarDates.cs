using Tidegate.Domain.Common;

namespace Tidegate.Domain.Venue;

/// <summary>
/// The dates Tidegate works with: yyyy-MM-dd from 2000-01-01 to 2199-12-31. Beyond them a visit date
/// is unknown input (400), never a crash: the booking window's month arithmetic overflows at
/// 0001-01-01, and nobody books an aquarium visit for 9999.
/// </summary>
public static class CalendarDates
{
    public static readonly DateOnly First = new(2000, 1, 1);
    public static readonly DateOnly Last = new(2199, 12, 31);

    public static DateOnly? Parse(string? text) =>
        IsoDate.TryParse(text, out var date)
        && date >= First && date <= Last ? date : null;
}
