namespace Tidegate.Server.Features.Venue.Pages;

/// <summary>Over: today, after its last slot (bookings closed); Past: an earlier day.</summary>
public enum DayState { Past, Closed, Bookable, SoldOut, OpensLater, Over }

/// <summary>One cell of the month calendar.</summary>
public sealed record CalendarDay(DateOnly Date, DayState State, DateTimeOffset OpensAt, bool InMonth)
{
    public string CssClass => "day-" + State.ToString().ToLowerInvariant();
}
