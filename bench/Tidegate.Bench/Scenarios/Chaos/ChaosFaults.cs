using System.Diagnostics;

namespace Tidegate.Bench.Scenarios.Chaos;

/// <summary>
/// Fires the plan during the rush: SIGKILL an instance and start it again on the same port, data
/// directory and database (its dev clock set back to the rush's time), or restart PostgreSQL with
/// the configured command (PostgreSQL form only).
/// </summary>
public sealed class ChaosFaults(
    Deployment deployment, Engine engine, ChaosOptions options, Stopwatch clock, DateTimeOffset simStart, Told told, int visitors)
{
    public int Kills { get; private set; }
    public int PostgresRestarts { get; private set; }
    public List<string> Log { get; } = [];

    private DateTimeOffset SimNow => simStart + clock.Elapsed;

    public async Task RunAsync()
    {
        var previous = TimeSpan.Zero;
        foreach (var (fault, atMs, paidShare) in ChaosOptions.Plan)
        {
            while (clock.Elapsed.TotalMilliseconds < atMs
                   || (told.Paid.Count < paidShare * visitors && clock.Elapsed - previous < TimeSpan.FromSeconds(60)))
                await Task.Delay(100);
            previous = clock.Elapsed;
            try
            {
                if (fault == "kill") await KillAsync();
                else if (engine.Postgres is not null) await RestartPostgresAsync();
            }
            catch (Exception e)
            {
                Log.Add($"{fault} at {clock.Elapsed.TotalSeconds:F1} s FAILED: {e.GetType().Name}: {e.Message}");
            }
        }
    }

    private async Task KillAsync()
    {
        var server = deployment.Servers[Kills % deployment.Servers.Count];
        var at = clock.Elapsed;
        await server.KillAsync();
        Kills++;
        await server.RestartAsync(SimNow);
        using (var site = new Visitors(server.BaseUrl, 4)) await site.SetClockAsync(SimNow);
        Log.Add($"SIGKILL {Kills} at {at.TotalSeconds:F1} s ({told.Paid.Count} paid so far), serving again after {(clock.Elapsed - at).TotalSeconds:F1} s");
    }

    private async Task RestartPostgresAsync()
    {
        var at = clock.Elapsed;
        using var process = Process.Start(new ProcessStartInfo("/bin/sh", ["-c", options.PgRestart])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        })!;
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            Log.Add($"PostgreSQL restart (`{options.PgRestart}`) FAILED with exit {process.ExitCode}: {(await error).Trim()}");
            return;
        }
        PostgresRestarts++;
        Log.Add($"PostgreSQL restarted (`{options.PgRestart}`) at {at.TotalSeconds:F1} s ({told.Paid.Count} paid so far), took {(clock.Elapsed - at).TotalSeconds:F1} s");
    }
}
