using Tidegate.Domain.Common;
using System.Globalization;
using System.Text;
using Tidegate.Domain.Queue;
using Tidegate.Server.Infrastructure.Auth;

namespace Tidegate.Server.Features.Queue;

/// <summary>
/// Queue tickets ("q1.") and admission tokens ("a1."): plain fields signed with an HMAC derived
/// from the server key (Tokens.Derive), so every instance verifies them and nobody can forge or
/// alter one. A ticket says which entry and date (and position once known); an admission adds
/// its expiry. Spending an admission is recorded in the database (queue_admissions).
/// </summary>
public sealed class QueueTickets(Tokens tokens)
{
    public sealed record Ticket(string EntryId, DateOnly Date, long? Position);

    public string Issue(Ticket ticket) =>
        Sign("q1", $"{IsoDate.Text(ticket.Date)}|{ticket.EntryId}|{ticket.Position?.ToString(CultureInfo.InvariantCulture) ?? "-"}");

    public Ticket? ReadTicket(string? text)
    {
        if (Open("q1", text) is not { Length: 3 } f || Date(f[0]) is not { } date) return null;
        long? position = f[2] == "-" ? null : long.TryParse(f[2], NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? p : null;
        return position is null && f[2] != "-" ? null : new Ticket(f[1], date, position);
    }

    public string Admit(AdmissionClaims claims) =>
        Sign("a1", $"{IsoDate.Text(claims.Date)}|{claims.EntryId}|{claims.Position}|{claims.ExpiresAt.ToUnixTimeMilliseconds()}");

    /// <summary>The claims of a genuine admission token (expired or not: the rule decides), or null.</summary>
    public AdmissionClaims? ReadAdmission(string? text)
    {
        if (Open("a1", text) is not { Length: 4 } f || Date(f[0]) is not { } date) return null;
        if (!long.TryParse(f[2], NumberStyles.None, CultureInfo.InvariantCulture, out var position)) return null;
        if (!long.TryParse(f[3], NumberStyles.None, CultureInfo.InvariantCulture, out var expires)) return null;
        return new AdmissionClaims(f[1], date, position, DateTimeOffset.FromUnixTimeMilliseconds(expires));
    }

    private string Sign(string kind, string fields)
    {
        var payload = Tokens.Base64Url(Encoding.UTF8.GetBytes(fields));
        return $"{kind}.{payload}.{tokens.Derive("queue-" + kind, payload)}";
    }

    private string[]? Open(string kind, string? text)
    {
        if (text is null || text.Length > 512 || !text.StartsWith(kind + ".", StringComparison.Ordinal)) return null;
        var parts = text.Split('.');
        if (parts.Length != 3 || !tokens.Matches("queue-" + kind, parts[1], parts[2])) return null;
        try
        {
            return Encoding.UTF8.GetString(Tokens.FromBase64Url(parts[1])).Split('|');
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static DateOnly? Date(string text) =>
        IsoDate.TryParse(text, out var d) ? d : null;
}
