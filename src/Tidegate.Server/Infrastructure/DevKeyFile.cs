using System.Text.Json;

namespace Tidegate.Server.Infrastructure;

/// <summary>
/// Keys generated for development into the data folder, readable by the owner only (file 0600,
/// folder 0700; existing files are tightened too). Never used in Production, where every key comes
/// from configuration and nothing secret sits beside the database.
/// </summary>
public static class DevKeyFile
{
    private const UnixFileMode OwnerFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerFolder = OwnerFile | UnixFileMode.UserExecute;

    public static Dictionary<string, string> ReadOrCreate(IHostEnvironment environment, string path,
        Func<Dictionary<string, string>> generate, ILogger logger, string warning)
    {
        if (environment.IsProduction())
            throw new InvalidOperationException($"Keys are missing from configuration: in Production they are never generated into or read from {path}.");
        var folder = Path.GetDirectoryName(path)!;
        if (File.Exists(path))
        {
            Restrict(folder, path);
            return JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(path))!;
        }
        if (OperatingSystem.IsWindows()) Directory.CreateDirectory(folder);
        else Directory.CreateDirectory(folder, OwnerFolder);
        var generated = generate();
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = OwnerFile;
        using (var stream = new FileStream(path, options)) JsonSerializer.Serialize(stream, generated);
        Restrict(folder, path);
        logger.LogWarning("{Warning} ({Path})", warning, path);
        return generated;
    }

    private static void Restrict(string folder, string path)
    {
        if (OperatingSystem.IsWindows()) return;
        // The folder also holds the database, whose own files the engine creates: only the owner enters.
        if ((File.GetUnixFileMode(folder) & ~OwnerFolder) != 0) File.SetUnixFileMode(folder, OwnerFolder);
        if ((File.GetUnixFileMode(path) & ~OwnerFile) != 0) File.SetUnixFileMode(path, OwnerFile);
    }
}
