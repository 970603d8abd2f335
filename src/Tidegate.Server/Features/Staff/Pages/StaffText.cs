namespace Tidegate.Server.Features.Staff.Pages;

/// <summary>The staff console page's text (Resources/Features.Staff.Pages.StaffText[.en].resx).</summary>
public sealed class StaffText;
