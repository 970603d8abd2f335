using Tidegate.Domain.Audit;

namespace Tidegate.Domain.Tests.Audit;

public class AuditChainTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 20, 0, 0, 0, TimeSpan.FromHours(9));

    private static List<ChainedEntry> Chain(int count)
    {
        var chain = new List<ChainedEntry>();
        var prev = AuditChain.Genesis;
        for (var seq = 1; seq <= count; seq++)
        {
            var linked = AuditChain.Link(prev, new AuditEntry(seq, At.AddMinutes(seq), "dev-admin", "admin", "capacity.changed", $"2026-12-20 10:{seq:00}", "capacity=200"));
            chain.Add(linked);
            prev = linked.Hash;
        }
        return chain;
    }

    [Fact]
    public void The_hash_is_sha256_hex_and_depends_on_every_field()
    {
        var entry = new AuditEntry(1, At, "a", "admin", "x.y", "t", "d");
        var hash = AuditChain.Hash("", entry);
        Assert.Matches("^[0-9a-f]{64}$", hash);
        Assert.Equal(hash, AuditChain.Hash("", entry with { }));
        Assert.All(new[]
        {
            AuditChain.Hash("00", entry), AuditChain.Hash("", entry with { Seq = 2 }), AuditChain.Hash("", entry with { At = At.AddMilliseconds(1) }),
            AuditChain.Hash("", entry with { Actor = "b" }), AuditChain.Hash("", entry with { Role = "operator" }),
            AuditChain.Hash("", entry with { Action = "x.z" }), AuditChain.Hash("", entry with { Target = "u" }),
            AuditChain.Hash("", entry with { Detail = "e" }),
        }, other => Assert.NotEqual(hash, other));
    }

    [Fact]
    public void Moving_text_between_fields_changes_the_hash()
    {
        var a = new AuditEntry(1, At, "ab", "c", "x", "t", "d");
        var b = new AuditEntry(1, At, "a", "bc", "x", "t", "d");
        Assert.NotEqual(AuditChain.Hash("", a), AuditChain.Hash("", b));
    }

    [Theory]
    [InlineData(0, null)]
    [InlineData(1, null)]
    [InlineData(5, null)]
    public void An_untouched_chain_holds(int count, long? expected) => Assert.Equal(expected, AuditChain.FirstBroken(Chain(count)));

    public static TheoryData<string, Func<List<ChainedEntry>, List<ChainedEntry>>, long> Tampering => new()
    {
        { "an edited detail", c => { c[2] = c[2] with { Entry = c[2].Entry with { Detail = "capacity=999" } }; return c; }, 3 },
        { "an edited actor", c => { c[0] = c[0] with { Entry = c[0].Entry with { Actor = "someone" } }; return c; }, 1 },
        { "an edited time", c => { c[4] = c[4] with { Entry = c[4].Entry with { At = At } }; return c; }, 5 },
        { "a removed middle entry", c => { c.RemoveAt(2); return c; }, 3 },
        { "a removed first entry", c => { c.RemoveAt(0); return c; }, 1 },
        { "a rehashed edit (the next link breaks)", c =>
            {
                var edited = AuditChain.Link(c[1].PrevHash, c[1].Entry with { Action = "other" });
                c[1] = edited;
                return c;
            }, 3 },
        { "swapped entries", c => { (c[1], c[2]) = (c[2], c[1]); return c; }, 2 },
    };

    [Theory, MemberData(nameof(Tampering))]
    public void A_tampered_chain_names_the_first_bad_seq(string what, Func<List<ChainedEntry>, List<ChainedEntry>> tamper, long expected)
    {
        Assert.True(expected == AuditChain.FirstBroken(tamper(Chain(5))), what);
    }
}
