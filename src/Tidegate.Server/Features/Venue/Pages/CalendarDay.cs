namespace Tidegate.Server.Features.Venue.Pages;

public enum DayState { Past, Closed, Bookable, SoldOut, OpensLater }

/// <summary>One cell of the month calendar.</summary>
public sealed record CalendarDay(DateOnly Date, DayState State, DateTimeOffset OpensAt, bool InMonth)
{
    public string CssClass => "day-" + State.ToString().ToLowerInvariant();
}
