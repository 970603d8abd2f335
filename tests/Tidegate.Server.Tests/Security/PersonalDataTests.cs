using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Tidegate.Server.Tests.Security;

public class PersonalDataTests
{
    [Theory, Engines]
    public async Task Name_and_email_are_stored_encrypted_and_found_by_keyed_hash(string engine)
    {
        using var app = new TestApp(engine);
        await app.CreateClient().PostJson("/api/v1/bookings", Api.Guest(email: "Hanako@Example.com", name: "Hanako Yamada"))
            .ExpectJson(HttpStatusCode.Created);

        await using var connection = await app.Db.OpenAsync();
        var row = await connection.QuerySingleAsync<(string Email, string Name, string Key)>(
            "SELECT email_enc, name_enc, person_key FROM bookings");
        Assert.DoesNotContain("hanako", row.Email, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Yamada", row.Name);
        Assert.StartsWith("v1:", row.Email);
        var personal = app.Get<Tidegate.Server.Infrastructure.Privacy.PersonalData>();
        Assert.Equal("hanako@example.com", personal.Decrypt(row.Email));
        Assert.Equal("Hanako Yamada", personal.Decrypt(row.Name));
        Assert.Equal(personal.EmailKey(" HANAKO@example.com "), row.Key);
        Assert.DoesNotContain("hanako", row.Key, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Logs_never_show_personal_data_even_on_refusals()
    {
        var sink = new CapturingLoggerProvider();
        using var app = new TestApp("sqlite", new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Trace" });
        using var logged = app.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton<ILoggerProvider>(sink)));
        var client = logged.CreateClient();
        await client.PostJson("/api/v1/bookings", Api.Guest(email: "secret.person@example.com", name: "Secret Person"));
        await client.PostJson("/api/v1/bookings", Api.Guest(email: "secret.person@example.com", name: "Secret Person"));
        await client.PostRaw("/api/v1/bookings", """{"email":"secret.person@example.com","name":"Secret Person","date":"x"}""");

        Assert.NotEmpty(sink.Lines);
        Assert.DoesNotContain(sink.Lines, line => line.Contains("secret.person", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(sink.Lines, line => line.Contains("Secret Person"));
    }

    private sealed class CapturingLoggerProvider : ILoggerProvider
    {
        public System.Collections.Concurrent.ConcurrentQueue<string> Lines { get; } = new();
        public ILogger CreateLogger(string categoryName) => new Logger(this);
        public void Dispose() { }

        private sealed class Logger(CapturingLoggerProvider owner) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
            public bool IsEnabled(LogLevel logLevel) => true;
            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                owner.Lines.Enqueue(formatter(state, exception) + " " + exception);
        }
    }
}
