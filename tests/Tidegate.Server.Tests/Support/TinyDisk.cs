using System.Diagnostics;

namespace Tidegate.Server.Tests.Support;

/// <summary>A real, tiny file system (tmpfs, needs root) to fill up: writes then fail with ENOSPC, as on a full disk.</summary>
public sealed class TinyDisk : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "tidegate-disk", Guid.NewGuid().ToString("N"));
    private string Filler => System.IO.Path.Combine(Path, "filler");

    public TinyDisk(int megabytes)
    {
        Directory.CreateDirectory(Path);
        Run("mount", "-t", "tmpfs", "-o", $"size={megabytes}m", "tmpfs", Path);
    }

    /// <summary>Writes a file until the file system has no byte left.</summary>
    public void Fill()
    {
        using var file = new FileStream(Filler, FileMode.Append, FileAccess.Write, FileShare.None, 1, FileOptions.None);
        var block = new byte[4096];
        try
        {
            while (true) file.Write(block);
        }
        catch (IOException) { }
    }

    public void Free() => File.Delete(Filler);

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Run("umount", "-l", Path);
        Directory.Delete(Path);
    }

    private static void Run(string command, params string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo(command, args) { RedirectStandardError = true })!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{command} failed: {error}");
    }
}

/// <summary>A test that needs root (to mount a file system): skipped elsewhere, except in CI, which runs as root.</summary>
public sealed class RootFactAttribute : FactAttribute
{
    public RootFactAttribute()
    {
        if (Environment.UserName == "root" || Environment.GetEnvironmentVariable("CI") == "true") return;
        Skip = "needs root to mount a tmpfs";
    }
}
