namespace Tidegate.Server.Features.Venue.Pages;

/// <summary>When the pages start counting down to a date's 00:00 opening and invite visitors into the waiting room.</summary>
public static class Opening
{
    public static readonly TimeSpan CountdownFrom = TimeSpan.FromHours(24);

    /// <summary>"1:02:03" or "2:03" (the same as countdown.js writes).</summary>
    public static string Clock(int seconds) =>
        seconds >= 3600 ? $"{seconds / 3600}:{seconds / 60 % 60:00}:{seconds % 60:00}" : $"{seconds / 60}:{seconds % 60:00}";
}
