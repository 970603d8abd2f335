namespace Tidegate.Server.Features.Staff.Pages;

/// <summary>The sign-in page's demo box text (Resources/Features.Staff.Pages.DemoText*.resx).</summary>
public sealed class DemoText;
