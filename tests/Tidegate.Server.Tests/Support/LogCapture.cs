using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Tidegate.Server.Tests.Support;

/// <summary>
/// Every log line the server writes, as a log sink would store it: the message, each structured
/// value, the active scopes and the exception.
/// </summary>
public sealed class LogCapture : ILoggerProvider, ISupportExternalScope
{
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();
    public ConcurrentQueue<string> Lines { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);
    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;
    public void Dispose() { }

    private sealed class Logger(LogCapture owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => owner._scopes.Push(state);
        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var line = new System.Text.StringBuilder($"{category} {formatter(state, exception)}");
            if (state is IEnumerable<KeyValuePair<string, object?>> values)
                foreach (var (name, value) in values) line.Append($" {name}={value}");
            owner._scopes.ForEachScope((scope, text) =>
            {
                text.Append($" scope:{scope}");
                if (scope is IEnumerable<KeyValuePair<string, object?>> items)
                    foreach (var (name, value) in items) text.Append($" {name}={value}");
            }, line);
            if (exception is not null) line.Append(' ').Append(exception);
            owner.Lines.Enqueue(line.ToString());
        }
    }
}
