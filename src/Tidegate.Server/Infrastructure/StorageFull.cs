using Dapper;
using Microsoft.Data.Sqlite;
using Npgsql;
using Tidegate.Domain.Common;
using Tidegate.Server.Data;

namespace Tidegate.Server.Infrastructure;

/// <summary>
/// A full disk is an outage to wait out, not a bug: a write that fails with SQLITE_FULL or
/// PostgreSQL's disk_full (53100) answers 503 unavailable with Retry-After, and is remembered so
/// /health/ready says 503 (the load balancer stops sending traffic) until a probe write succeeds.
/// </summary>
public sealed class StorageFull(Db db, TimeProvider clock, ILogger<StorageFull> logger)
{
    public const int RetryAfterSeconds = 30;
    private const string ProbeScope = "health:write-probe";
    private DateTimeOffset? _since;

    public DateTimeOffset? Since => _since;

    public static bool IsDiskFull(Exception? e) => e switch
    {
        null => false,
        SqliteException { SqliteErrorCode: 13 } => true, // SQLITE_FULL
        // SQLITE_IOERR: on a full disk, growing the WAL index (-shm) or a short write can surface as an
        // I/O error rather than SQLITE_FULL (seen once under load); either way storage is failing, not the request.
        SqliteException { SqliteErrorCode: 10 } => true,
        IOException io when io.Message.Contains("No space left", StringComparison.OrdinalIgnoreCase) => true,
        PostgresException { SqlState: "53100" } => true, // disk_full
        AggregateException all => all.InnerExceptions.Any(IsDiskFull),
        _ => IsDiskFull(e.InnerException),
    };

    /// <summary>Answers the request when <paramref name="exception"/> is a full disk.</summary>
    public async Task<bool> TryHandleAsync(HttpContext context, Exception exception)
    {
        if (!IsDiskFull(exception)) return false;
        if (_since is null)
            logger.LogError("Storage is full: writes fail ({Method} {Path}); answering 503 until a write succeeds", context.Request.Method, context.Request.Path.Value);
        _since ??= clock.GetUtcNow();
        context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await TypedResults.Problem("The server cannot store anything right now: try again in a little while.", statusCode: 503,
            title: "Service unavailable", type: $"https://tidegate.dev/problems/{ErrorCodes.Unavailable}",
            extensions: new Dictionary<string, object?> { ["code"] = ErrorCodes.Unavailable, ["requestId"] = context.TraceIdentifier })
            .ExecuteAsync(context);
        return true;
    }

    /// <summary>
    /// After a failure: true once a real write that needs new space commits (a 16 KB row, stored then
    /// removed). On SQLite a small write can still fit in the WAL's old pages while the disk is full,
    /// so there the probe also writes and removes 1 MB beside the database file.
    /// </summary>
    public async Task<bool> ProbeAsync(CancellationToken ct)
    {
        if (_since is null) return true;
        try
        {
            if (db.Engine == DbEngine.Sqlite) await ProbeFolderAsync(ct);
            await db.WriteAsync(async (connection, tx) =>
            {
                var key = Guid.CreateVersion7().ToString();
                await connection.ExecuteAsync("""
                    INSERT INTO idempotency_keys (scope, idem_key, request_hash, status_code, response_body, created_at)
                    VALUES (@ProbeScope, @key, '', 0, @body, 0)
                    """, new { ProbeScope, key, body = new string('x', 16 * 1024) }, tx);
                await connection.ExecuteAsync("DELETE FROM idempotency_keys WHERE scope = @ProbeScope", new { ProbeScope }, tx);
            }, ct);
        }
        catch (Exception e) when (IsDiskFull(e) || e is IOException)
        {
            return false;
        }
        logger.LogWarning("Storage writes succeed again after being full since {Since}", _since);
        _since = null;
        return true;
    }

    private async Task ProbeFolderAsync(CancellationToken ct)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(new SqliteConnectionStringBuilder(db.ConnectionString).DataSource))!;
        var probe = Path.Combine(folder, ".write-probe");
        try
        {
            await using var file = new FileStream(probe, FileMode.Create, FileAccess.Write, FileShare.None, 64 * 1024, FileOptions.Asynchronous);
            await file.WriteAsync(new byte[1024 * 1024], ct);
            await file.FlushAsync(ct);
        }
        finally
        {
            File.Delete(probe);
        }
    }
}
