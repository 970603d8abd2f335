using System.Security.Cryptography;
using Tidegate.Server.Infrastructure.Auth;

namespace Tidegate.Server.Features.Staff;

/// <summary>
/// Ten single-use codes given at enrolment, for a lost phone. Random (50 bits each), so a keyed
/// hash is enough to store them (a password hash would be for guessable secrets).
/// </summary>
public static class RecoveryCodes
{
    public const int Count = 10;
    private const string Alphabet = "abcdefghjkmnpqrstuvwxyz23456789";

    public static IReadOnlyList<string> New() =>
        Enumerable.Range(0, Count).Select(_ =>
        {
            var chars = Enumerable.Range(0, 10).Select(_ => Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)]).ToArray();
            return new string(chars, 0, 5) + "-" + new string(chars, 5, 5);
        }).ToList();

    public static string Hash(Tokens tokens, string staffId, string code) =>
        tokens.Derive("staff-recovery:" + staffId, code.Replace("-", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant());
}
