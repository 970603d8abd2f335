using System.Data.Common;
using Npgsql;

namespace Tidegate.Server.Data;

/// <summary>
/// The one retry policy for writes the engine refused for a moment: a PostgreSQL deadlock or
/// serialization failure rolls the whole transaction back, so running it again is safe. Up to
/// <see cref="MaxAttempts"/> tries with a short random pause between them. SQLite reports no such
/// failure (its writers take turns and wait in the busy handler), so there it runs the work once.
/// A lost compare-and-set is not transient: the caller reads again and decides again.
/// </summary>
public static class TransientRetry
{
    public const int MaxAttempts = 5;

    /// <summary>A failure the engine asks us to retry (PostgreSQL deadlock or serialization failure).</summary>
    public static bool IsTransient(Exception e) => e is PostgresException { SqlState: "40P01" or "40001" };

    public static async Task<T> RunAsync<T>(Func<Task<T>> work, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await work();
            }
            catch (DbException e) when (IsTransient(e) && attempt < MaxAttempts)
            {
                await PauseAsync(ct);
            }
        }
    }

    /// <summary>A short random pause, so writers that collided do not collide again in step.</summary>
    public static Task PauseAsync(CancellationToken ct) => Task.Delay(Random.Shared.Next(2, 20), ct);
}
