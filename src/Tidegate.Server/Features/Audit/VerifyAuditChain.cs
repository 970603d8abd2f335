using Dapper;
using Tidegate.Domain.Audit;
using Tidegate.Server.Data;

namespace Tidegate.Server.Features.Audit;

/// <summary>
/// The command <c>audit verify</c>: walks the whole chain in seq order and names the first entry
/// that was edited, removed or inserted. Exit code 0 when intact, 1 when broken.
/// </summary>
public sealed class VerifyAuditChain(Db db)
{
    public sealed record Outcome(long Entries, long? FirstBadSeq);

    public async Task<Outcome> ExecuteAsync(CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        var count = 0L;
        var rows = connection.Query<Row>(new CommandDefinition(AuditSql.Chain, cancellationToken: ct, flags: CommandFlags.None));
        var firstBad = AuditChain.FirstBroken(rows.Select(r =>
        {
            count++;
            return new ChainedEntry(new AuditEntry(r.Seq, r.At, r.Actor, r.Role, r.Action, r.Target, r.Detail), r.PrevHash, r.Hash);
        }));
        return new Outcome(count, firstBad);
    }

    /// <summary>Runs the command and gives the process exit code.</summary>
    public static async Task<int> RunAsync(IServiceProvider services)
    {
        var outcome = await services.GetRequiredService<VerifyAuditChain>().ExecuteAsync();
        if (outcome.FirstBadSeq is { } seq)
        {
            await Console.Error.WriteLineAsync($"audit log broken: first bad entry is seq {seq}");
            return 1;
        }
        Console.WriteLine($"audit log intact: {outcome.Entries} entries");
        return 0;
    }

    private sealed class Row
    {
        public long Seq { get; set; }
        public DateTimeOffset At { get; set; }
        public string Actor { get; set; } = "";
        public string Role { get; set; } = "";
        public string Action { get; set; } = "";
        public string Target { get; set; } = "";
        public string Detail { get; set; } = "";
        public string PrevHash { get; set; } = "";
        public string Hash { get; set; } = "";
    }
}
