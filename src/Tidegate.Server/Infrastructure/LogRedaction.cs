using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Tidegate.Server.Infrastructure;

/// <summary>
/// No log line holds a bearer secret. Access keys travel in URLs (ticket, cancel, change and
/// payment-return links) and the framework logs URLs, link-generation values and handler arguments
/// ("Request starting GET /tickets/…?key=…"); admission tokens and queue tickets end in the same
/// kind of signature. All are HMAC-SHA256 values in base64url: 43 such characters. Every logger,
/// the framework's included, goes through this factory, which replaces each run of 37 or more
/// base64url characters (a mistyped key with one more or a few less too) in the message, the
/// structured values and the scopes with "[redacted]" before any sink sees it. Runs of only
/// lowercase hex and dashes (ids, trace ids, hashes) stay: they are not secrets and are wanted.
/// </summary>
public static partial class LogRedaction
{
    [GeneratedRegex("(?<![A-Za-z0-9_-])(?=[0-9a-f-]*[g-zA-Z_])[A-Za-z0-9_-]{37,}(?![A-Za-z0-9_-])")]
    private static partial Regex Secret();

    public static IServiceCollection AddLogRedaction(this IServiceCollection services) =>
        services.Replace(ServiceDescriptor.Singleton<ILoggerFactory>(sp => new Factory(new LoggerFactory(
            sp.GetServices<ILoggerProvider>(), sp.GetRequiredService<IOptionsMonitor<LoggerFilterOptions>>(),
            sp.GetService<IOptions<LoggerFactoryOptions>>(), sp.GetService<IExternalScopeProvider>()))));

    public static string Redact(string text) => Secret().Replace(text, "[redacted]");

    private static bool Holds(object? value) => value is not null and not ValueType && Secret().IsMatch(value.ToString() ?? "");

    private sealed class Factory(ILoggerFactory inner) : ILoggerFactory
    {
        public ILogger CreateLogger(string categoryName) => new Logger(inner.CreateLogger(categoryName));
        public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);
        public void Dispose() => inner.Dispose();
    }

    private sealed class Logger(ILogger inner) : ILogger
    {
        public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

        // Every request opens scopes (connection, request path and id) whether or not a line is ever
        // written, so a scope is only wrapped here and read through the redaction when a sink reads it.
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => inner.BeginScope(new RedactedScope(state));

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!inner.IsEnabled(logLevel)) return;
            var message = formatter(state, exception);
            var values = state as IEnumerable<KeyValuePair<string, object?>>;
            if (!Secret().IsMatch(message) && (values is null || !values.Any(v => Holds(v.Value))))
                inner.Log(logLevel, eventId, state, exception, formatter);
            else
                inner.Log(logLevel, eventId, new Redacted(Redact(message), values), exception, static (s, _) => s.Message);
        }
    }

    /// <summary>A scope whose text and values are redacted when a sink reads them, not when it is opened.</summary>
    private sealed class RedactedScope(object state) : IReadOnlyList<KeyValuePair<string, object?>>
    {
        private Redacted? _read;
        private Redacted Read => _read ??= new Redacted(Redact(state.ToString() ?? ""), state as IEnumerable<KeyValuePair<string, object?>>);
        public int Count => Read.Count;
        public KeyValuePair<string, object?> this[int index] => Read[index];
        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => Read.GetEnumerator();
        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
        public override string ToString() => Read.Message;
    }

    /// <summary>A log state with the secrets taken out: the message and every value as redacted text.</summary>
    private sealed class Redacted(string message, IEnumerable<KeyValuePair<string, object?>>? values) : IReadOnlyList<KeyValuePair<string, object?>>
    {
        private readonly List<KeyValuePair<string, object?>> _values = values?
            .Select(v => new KeyValuePair<string, object?>(v.Key, Holds(v.Value) ? Redact(v.Value!.ToString()!) : v.Value)).ToList() ?? [];
        public string Message { get; } = message;
        public int Count => _values.Count;
        public KeyValuePair<string, object?> this[int index] => _values[index];
        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => _values.GetEnumerator();
        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
        public override string ToString() => Message;
    }
}
