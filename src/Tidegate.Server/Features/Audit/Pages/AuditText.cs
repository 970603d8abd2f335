namespace Tidegate.Server.Features.Audit.Pages;

/// <summary>The audit console page's text (Resources/Features.Audit.Pages.AuditText[.en].resx).</summary>
public sealed class AuditText;
