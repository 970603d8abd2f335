using System.Security.Cryptography;
using System.Text;

namespace Tidegate.Domain.Audit;

/// <summary>One audit entry as stored: who (subject and role) did what to which target, and when.</summary>
public sealed record AuditEntry(long Seq, DateTimeOffset At, string Actor, string Role, string Action, string Target, string Detail);

/// <summary>An entry with the hashes that chain it to the one before.</summary>
public sealed record ChainedEntry(AuditEntry Entry, string PrevHash, string Hash);

/// <summary>
/// The hash chain of the audit log. Each entry's hash is SHA-256 over the previous entry's hash and
/// its own fields, each length-prefixed so no two field lists give the same bytes. An edited entry
/// breaks its own hash; a removed or inserted one breaks the next entry's link or the seq run.
/// </summary>
public static class AuditChain
{
    /// <summary>The previous hash of the first entry.</summary>
    public const string Genesis = "";

    public static string Hash(string prevHash, AuditEntry e)
    {
        var text = new StringBuilder();
        foreach (var field in new[]
        {
            prevHash, e.Seq.ToString(System.Globalization.CultureInfo.InvariantCulture),
            e.At.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
            e.Actor, e.Role, e.Action, e.Target, e.Detail,
        })
            text.Append(field.Length).Append(':').Append(field).Append('\n');
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    /// <summary>Chains <paramref name="entry"/> after an entry whose hash is <paramref name="prevHash"/>.</summary>
    public static ChainedEntry Link(string prevHash, AuditEntry entry) => new(entry, prevHash, Hash(prevHash, entry));

    /// <summary>The seq of the first entry that does not hold, or null when the whole chain holds. Entries in seq order.</summary>
    public static long? FirstBroken(IEnumerable<ChainedEntry> entries)
    {
        var prevHash = Genesis;
        var expectedSeq = 1L;
        foreach (var (entry, storedPrev, hash) in entries)
        {
            if (entry.Seq != expectedSeq) return Math.Min(entry.Seq, expectedSeq);
            if (storedPrev != prevHash || Hash(storedPrev, entry) != hash) return entry.Seq;
            prevHash = hash;
            expectedSeq++;
        }
        return null;
    }
}
