using System.Text.Json.Serialization;
using Tidegate.Domain.Common;
using Tidegate.Server.Data;
using Tidegate.Server.Infrastructure.Auth;
using Tidegate.Server.Infrastructure.Jobs;
using Tidegate.Server.Infrastructure.Privacy;
using Tidegate.Server.Infrastructure.Telemetry;

namespace Tidegate.Server.Infrastructure;

/// <summary>The cross-cutting services: database, clock, secrets, auth, JSON and problem details.</summary>
public static class ServerSetup
{
    public static WebApplicationBuilder AddTidegateCore(this WebApplicationBuilder builder)
    {
        var config = builder.Configuration;
        var services = builder.Services;
        // Read before the container exists (like ProductionGuard and DataFolder): the rest are options classes (Settings).
        var dataDirectory = Path.GetFullPath(config["Tidegate:DataDirectory"] ?? "data");

        builder.Logging.ClearProviders();
        builder.Logging.AddJsonConsole(o => { o.IncludeScopes = true; o.TimestampFormat = "O"; o.UseUtcTimestamp = true; });
        services.AddLogRedaction();
        builder.WebHost.ConfigureKestrel(k => { k.Limits.MaxRequestBodySize = 1024 * 1024; k.AddServerHeader = false; });
        services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(20));

        var clock = new AppClock();
        if (config.GetValue<bool>("Tidegate:DevTools") && config["Tidegate:Clock:Start"] is { Length: > 0 } start)
            clock.Set(DateTimeOffset.Parse(start, System.Globalization.CultureInfo.InvariantCulture));
        services.AddSingleton(clock).AddSingleton<TimeProvider>(clock);

        services.AddSettings<DatabaseOptions>(DatabaseOptions.Section)
            .AddSettings<DevToolsOptions>(DevToolsOptions.Section)
            .AddSettings<ServerOptions>(ServerOptions.Section)
            .AddSettings<Mail.MailOptions>(Mail.MailOptions.Section);
        services.AddSingleton(sp => CreateDb(sp.GetRequiredService<DatabaseOptions>(), dataDirectory));
        services.AddSingleton<Migrator>();
        services.AddJobLeases();
        services.AddHostedService<EngineVersion>();
        services.AddHostedService<SqliteCheckpointer>();
        services.AddSingleton(sp => Secrets.Load(config, builder.Environment, dataDirectory, sp.GetRequiredService<ILoggerFactory>().CreateLogger<Secrets>()));
        services.AddSingleton<PersonalData>();
        services.AddSingleton<Tokens>();
        services.AddSingleton<Idempotency>();

        services.AddTidegateAuthentication(config);
        services.AddAuthorizationBuilder().AddTidegatePolicies();
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
            o.SerializerOptions.AllowTrailingCommas = false;
        });
        services.AddProblemDetails(o => o.CustomizeProblemDetails = c =>
        {
            c.ProblemDetails.Extensions.TryAdd("code", c.ProblemDetails.Status switch
            {
                404 => ErrorCodes.NotFound,
                401 => ErrorCodes.Unauthorized,
                403 => ErrorCodes.Forbidden,
                405 => "method_not_allowed",
                >= 500 => "internal_error",
                _ => ErrorCodes.InvalidRequest,
            });
            c.ProblemDetails.Detail ??= c.ProblemDetails.Status switch
            {
                404 => "There is nothing at this address.",
                405 => "This address does not accept that method.",
                _ => c.ProblemDetails.Title,
            };
            c.ProblemDetails.Extensions.TryAdd("requestId", c.HttpContext.TraceIdentifier);
        });
        services.AddExceptionHandler<ErrorHandling>();
        builder.AddTidegateTelemetry();
        return builder;
    }

    /// <summary>
    /// Each instance keeps at most this many PostgreSQL connections unless the connection string says
    /// otherwise: Npgsql's own default (100) equals the server's default max_connections, so a second
    /// instance could be refused connections ("too many clients"). Instances × pool ≤ max_connections.
    /// </summary>
    private static string WithPoolLimit(string connectionString, int maxPoolSize)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        if (!System.Text.RegularExpressions.Regex.IsMatch(connectionString, @"max(imum)?\s*pool\s*size", System.Text.RegularExpressions.RegexOptions.IgnoreCase))
            builder.MaxPoolSize = maxPoolSize;
        return builder.ConnectionString;
    }

    public static Db CreateDb(DatabaseOptions options, string dataDirectory)
    {
        var provider = options.Provider.ToLowerInvariant();
        var connectionString = options.ConnectionString;
        return provider switch
        {
            "postgres" or "postgresql" => new Db(DbEngine.Postgres, WithPoolLimit(
                connectionString ?? throw new InvalidOperationException("Tidegate:Database:ConnectionString is required for PostgreSQL."),
                options.MaxPoolSize)),
            "sqlite" => new Db(DbEngine.Sqlite,
                connectionString ?? $"Data Source={Path.Combine(dataDirectory, "tidegate.db")}",
                options.Synchronous, options.WriteLaneBatch, options.WriteLaneCapacity),
            _ => throw new InvalidOperationException($"Unknown Tidegate:Database:Provider '{provider}' (sqlite or postgres)."),
        };
    }
}
