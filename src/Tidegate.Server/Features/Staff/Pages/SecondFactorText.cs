namespace Tidegate.Server.Features.Staff.Pages;

/// <summary>The second-factor page's text (Resources/Features.Staff.Pages.SecondFactorText*.resx).</summary>
public sealed class SecondFactorText;
