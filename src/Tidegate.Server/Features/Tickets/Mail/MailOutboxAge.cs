using Tidegate.Server.Infrastructure.Mail;
using Dapper;
using Tidegate.Server.Data;

namespace Tidegate.Server.Features.Tickets.Mail;

/// <summary>
/// How long the oldest unsent ticket email has waited, for the tidegate.mail.outbox_age gauge. The
/// mail worker measures it between sends, at most every Tidegate:Mail:AgeEverySeconds (10), with one
/// small query over the unsent rows (the partial index of due rows); a scrape only reads the value.
/// </summary>
public sealed class MailOutboxAge(Db db, TimeProvider clock, MailOptions options)
{
    private readonly TimeSpan _every = TimeSpan.FromSeconds(options.AgeEverySeconds);
    private DateTimeOffset _measuredAt = DateTimeOffset.MinValue;

    public double OldestUnsentSeconds { get; private set; }

    public async Task MeasureIfDueAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (now - _measuredAt < _every && now >= _measuredAt) return;
        _measuredAt = now;
        await using var connection = await db.OpenAsync(ct);
        var oldest = await connection.ExecuteScalarAsync<DateTimeOffset?>(
            "SELECT MIN(created_at) FROM mail_outbox WHERE sent_at IS NULL AND failed = 0");
        OldestUnsentSeconds = oldest is { } created ? Math.Max(0, (now - created).TotalSeconds) : 0;
    }
}
