using System.Net.Sockets;
using Npgsql;

namespace Tidegate.Server.Infrastructure;

/// <summary>
/// A database that is restarting, failing over or refusing connections is an outage to wait out,
/// not a bug: the request answers 503 unavailable with Retry-After (clients retry, as they do for a
/// full writer queue), never a 500. Found by the chaos bench, which restarts PostgreSQL mid-rush.
/// </summary>
public static class DatabaseUnreachable
{
    public static bool Is(Exception? e) => e switch
    {
        null => false,
        // 57P01 admin_shutdown, 57P02 crash_shutdown, 57P03 cannot_connect_now; class 08: connection
        // exceptions; 53300 too_many_connections.
        PostgresException p => p.SqlState.StartsWith("57P", StringComparison.Ordinal) || p.SqlState.StartsWith("08", StringComparison.Ordinal)
            || p.SqlState == "53300",
        // Npgsql's own failures below the protocol: refused, reset or closed connections, reading a stream that ended.
        NpgsqlException { InnerException: SocketException or IOException or EndOfStreamException } => true,
        NpgsqlException n when n.Message.StartsWith("Exception while", StringComparison.Ordinal) => true,
        SocketException => true,
        AggregateException all => all.InnerExceptions.Any(Is),
        _ => Is(e.InnerException),
    };
}
