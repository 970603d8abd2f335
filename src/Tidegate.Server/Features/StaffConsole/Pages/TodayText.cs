namespace Tidegate.Server.Features.StaffConsole.Pages;

/// <summary>The Today page's text (Resources/Features.StaffConsole.Pages.TodayText*.resx).</summary>
public sealed class TodayText;
