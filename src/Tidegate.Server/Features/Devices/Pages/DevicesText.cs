namespace Tidegate.Server.Features.Devices.Pages;

/// <summary>The device console page's text (Resources/Features.Devices.Pages.DevicesText[.en].resx).</summary>
public sealed class DevicesText;
