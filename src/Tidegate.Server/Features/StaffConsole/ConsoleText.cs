namespace Tidegate.Server.Features.StaffConsole;

/// <summary>The console shell's text (Resources/Features.StaffConsole.ConsoleText*.resx); each console page has its own.</summary>
public sealed class ConsoleText;
