namespace Tidegate.Server.Features.Staff.Pages;

/// <summary>The password page's text (Resources/Features.Staff.Pages.PasswordText*.resx).</summary>
public sealed class PasswordText;
