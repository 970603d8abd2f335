using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Tidegate.Server.Data;

namespace Tidegate.Server.Tests.Data;

/// <summary>The bundled SQLite is past the WAL-reset corruption fix (3.51.3), and the start-up log says which engine runs.</summary>
public class EngineVersionTests
{
    [Fact]
    public async Task The_bundled_sqlite_is_at_least_3_51_3_and_its_version_is_logged_at_start()
    {
        var log = new CapturedLog();
        using var app = new TestApp("sqlite", new Dictionary<string, string?> { ["Logging:LogLevel:Tidegate.Server.Data"] = "Information" },
            services => services.AddSingleton<ILoggerProvider>(log));

        var version = Version.Parse(await EngineVersion.ReadAsync(app.Db));
        Assert.True(version >= new Version(3, 51, 3), $"SQLite {version}");
        Assert.Contains(log.Lines, line => line.Contains($"Database Sqlite {version}"));
    }

    private sealed class CapturedLog : ILoggerProvider, ILogger
    {
        public ConcurrentQueue<string> Lines { get; } = new();
        public ILogger CreateLogger(string categoryName) => this;
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Lines.Enqueue(formatter(state, exception));
        public void Dispose() { }
    }
}
