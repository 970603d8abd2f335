namespace Tidegate.Server.Features.Venue.Pages;

/// <summary>The calendar console's text (Resources/Features.Venue.Pages.CalendarText[.en].resx).</summary>
public sealed class CalendarText;
