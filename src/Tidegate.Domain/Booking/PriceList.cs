namespace Tidegate.Domain.Booking;

/// <summary>Prices in whole JPY by ticket type and kind of day; holidays are a configured list of dates.</summary>
public sealed record PriceList(IReadOnlyDictionary<(TicketType, DayKind), int> Prices, IReadOnlySet<DateOnly> Holidays)
{
    public static PriceList SameshineDefaults(IReadOnlySet<DateOnly>? holidays = null) => new(
        new Dictionary<(TicketType, DayKind), int>
        {
            [(TicketType.Adult, DayKind.WeekendOrHoliday)] = 2600,
            [(TicketType.Adult, DayKind.Weekday)] = 2400,
            [(TicketType.Child, DayKind.WeekendOrHoliday)] = 1300,
            [(TicketType.Child, DayKind.Weekday)] = 1200,
            [(TicketType.Infant, DayKind.WeekendOrHoliday)] = 800,
            [(TicketType.Infant, DayKind.Weekday)] = 700,
            [(TicketType.Toddler, DayKind.WeekendOrHoliday)] = 0,
            [(TicketType.Toddler, DayKind.Weekday)] = 0,
        },
        holidays ?? new HashSet<DateOnly>());

    public DayKind KindOf(DateOnly date) =>
        date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday || Holidays.Contains(date)
            ? DayKind.WeekendOrHoliday
            : DayKind.Weekday;

    public int PriceOf(TicketType type, DateOnly date) => Prices.GetValueOrDefault((type, KindOf(date)));

    public int Total(TicketCounts tickets, DateOnly date) =>
        Enum.GetValues<TicketType>().Sum(type => tickets.Of(type) * PriceOf(type, date));
}
