namespace Tidegate.Server.Infrastructure;

/// <summary>
/// The data folder (Tidegate:DataDirectory: the SQLite database, development keys) must be
/// writable before anything starts: otherwise one clear line with the path, and exit code 73
/// (EX_CANTCREAT), instead of a stack trace from deep inside the database layer.
/// </summary>
public static class DataFolder
{
    public const int ExitCode = 73;

    public static string PathOf(IConfiguration config) => Path.GetFullPath(config["Tidegate:DataDirectory"] ?? "data");

    /// <summary>True (the line logged, the exit code set) when the folder cannot be created or written.</summary>
    public static bool Unwritable(WebApplicationBuilder builder)
    {
        var path = PathOf(builder.Configuration);
        try
        {
            if (OperatingSystem.IsWindows()) Directory.CreateDirectory(path);
            else Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            var probe = Path.Combine(path, $".start-probe-{Environment.ProcessId}");
            File.WriteAllBytes(probe, [1]);
            File.Delete(probe);
            return false;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            ProductionGuard.Refuse(ExitCode, "Cannot write to the data folder {DataDirectory} ({Reason}): set Tidegate:DataDirectory to a folder this user can write",
                path, e.Message);
            return true;
        }
    }
}
