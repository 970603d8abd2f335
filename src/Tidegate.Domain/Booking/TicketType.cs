namespace Tidegate.Domain.Booking;

public enum TicketType { Adult, Child, Infant, Toddler }

public enum DayKind { Weekday, WeekendOrHoliday }

/// <summary>How many of each ticket type a party books; every person counts against capacity.</summary>
public readonly record struct TicketCounts(int Adult, int Child, int Infant, int Toddler)
{
    public int Persons => Adult + Child + Infant + Toddler;

    public int Of(TicketType type) => type switch
    {
        TicketType.Adult => Adult,
        TicketType.Child => Child,
        TicketType.Infant => Infant,
        _ => Toddler,
    };
}
