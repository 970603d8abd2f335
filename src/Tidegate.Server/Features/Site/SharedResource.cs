namespace Tidegate.Server;

/// <summary>Marker for the site's text: Resources/SharedResource.resx (Japanese, the default) and .en.resx.</summary>
public sealed class SharedResource;
