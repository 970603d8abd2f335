namespace Tidegate.Server.Features.BoxOffice.Pages;

/// <summary>Texts of the console's box-office page.</summary>
public sealed class BoxOfficeText;
